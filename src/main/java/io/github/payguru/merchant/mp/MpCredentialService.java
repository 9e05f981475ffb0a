package io.github.payguru.merchant.mp;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.callback.CallbackAnswer;
import io.github.payguru.merchant.kernel.HttpRequest;
import io.github.payguru.merchant.kernel.Identifiers;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.payguru.MpSecureKeyInput;
import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.store.LedgerReader;
import io.github.payguru.merchant.store.SubscriptionItem;
import io.github.payguru.merchant.store.TableLayout;

/**
 * MP credential service (src/site/markdown/payguru-api.md §1.3): after a subscription's first successful charge Payguru
 * asks {@code ?subsId&trans_id&securekey} with {@code securekey = md5(subsId + secretKey)} and texts the
 * answered login and password to the customer. The key is checked in constant time against every MP
 * service (or the one named by an optional {@code service} parameter); credentials come from the
 * {@link MpCredentialProvider}, the same for a repeated request. With
 * {@code payguru.mp.credentials.require-known-subscription=true} a subsId without a stored subscription is refused
 * ({@code ERROR: UNKNOWN SUBSCRIPTION}). Answers {@code {"result":1,"msg":"SUCCESS","login":…,"password":…}} or
 * {@code {"result":0,"msg":"ERROR: …"}}. Nothing of the answer is logged or kept in clear.
 */
@ApplicationScoped
public class MpCredentialService {

    public static final String KIND = "mp-credential-service";

    private static final Logger LOG = Logger.getLogger(MpCredentialService.class);

    private final ServiceDirectory services;
    private final MpGuard guard;
    private final MpCredentialProvider provider;
    private final LedgerReader reader;
    private final MpConfig config;

    @Inject
    public MpCredentialService(ServiceDirectory services, MpGuard guard, MpCredentialProvider provider,
            LedgerReader reader, MpConfig config) {
        this.services = services;
        this.guard = guard;
        this.provider = provider;
        this.reader = reader;
        this.config = config;
    }

    public CallbackAnswer handle(HttpRequest req) {
        Map<String, String> params = guard.admit(KIND, req);
        MpParams p = new MpParams(params);
        String subsId = Identifiers.parse("subsId", params.get("subsId"));
        String transId = Identifiers.parse("trans_id", params.get("trans_id"));
        String key = p.required("securekey");
        List<ServiceDirectory.NamedService> candidates = services.candidates(Line.MP, params.get(ServiceDirectory.SELECTOR));
        Optional<ServiceDirectory.NamedService> signer = services.signer(candidates,
                s -> PayguruKeys.md5(new MpSecureKeyInput(subsId, s.privateKey())), key);
        if (signer.isEmpty()) {
            LOG.warnf("%s refused: wrong securekey subsId=%s trans_id=%s from %s", KIND, subsId, transId,
                    Masking.sourceIp(req.sourceIp()));
            return error(403, "INVALID SECUREKEY");
        }
        if (config.credentials().requireKnownSubscription()
                && reader.item(SubscriptionItem.SCHEMA, TableLayout.mpSubscription(subsId), SubscriptionItem.SORT).isEmpty()) {
            LOG.warnf("%s subsId=%s trans_id=%s: no subscription stored, refused (require-known-subscription)", KIND,
                    subsId, transId);
            return error(200, "UNKNOWN SUBSCRIPTION");
        }
        MpCredentialProvider.Issued issued = provider.issue(signer.get(), subsId, transId);
        if (issued.credentials().isEmpty()) {
            LOG.warnf("%s subsId=%s trans_id=%s: no credentials (%s)", KIND, subsId, transId, issued.error());
            return error(200, issued.error());
        }
        MpCredentialProvider.Credentials c = issued.credentials().get();
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("result", 1).put("msg", "SUCCESS").put("login", c.login()).put("password", c.password());
        LOG.infof("%s answered credentials for subsId=%s trans_id=%s service=%s", KIND, subsId, transId,
                signer.get().payguruId());
        return CallbackAnswer.json(200, body.toString());
    }

    /** The documented negative answer: {@code {"result":0,"msg":"ERROR: <REASON>"}}. */
    public static CallbackAnswer error(int status, String reason) {
        return CallbackAnswer.json(status, JsonNodeFactory.instance.objectNode().put("result", 0)
                .put("msg", "ERROR: " + reason).toString());
    }
}
