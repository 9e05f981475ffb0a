package io.github.payguru.merchant.mp;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.github.payguru.merchant.callback.CallbackAnswer;
import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.HttpRequest;
import io.github.payguru.merchant.kernel.Privacy;
import io.github.payguru.merchant.kernel.StatusMachine;
import io.github.payguru.merchant.kernel.Validation;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.LedgerReader;
import io.github.payguru.merchant.store.RefcodeItem;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.WriteResult;

/**
 * Reference codes (REFKOD) of SMS-initiated payments (src/site/markdown/payguru-api.md §1.4): the merchant registers the
 * codes it shows customers ({@link #register}); Payguru may ask whether a code the customer texted is
 * valid. That request's shape is undocumented, so the parameter names and the answer format are
 * configuration ({@code payguru.mp.refcode.*}). A code is valid when it has the agreed format, was
 * registered, has not expired, and (when the request names a service) belongs to that service. The payments that
 * carry a code are linked to its order by {@link MpRefcodeLinks}.
 */
@ApplicationScoped
public class MpRefcodes {

    public static final String KIND = "mp-refcode-check";
    static final String REGISTERED = "registered";
    static final String USED = "used";

    private static final Logger LOG = Logger.getLogger(MpRefcodes.class);

    private final ServiceDirectory services;
    private final Ledger ledger;
    private final LedgerReader reader;
    private final MpGuard guard;
    private final MpConfig config;
    private final Pattern format;
    private final Privacy privacy;

    @Inject
    public MpRefcodes(ServiceDirectory services, Ledger ledger, LedgerReader reader, MpGuard guard, MpConfig config,
            Privacy privacy) {
        this.services = services;
        this.ledger = ledger;
        this.reader = reader;
        this.guard = guard;
        this.config = config;
        this.format = Pattern.compile(config.refcode().codeFormat());
        this.privacy = privacy;
    }

    /**
     * What a registration did.
     *
     * @param item the code as stored
     * @param created true when this call created it, false when it renewed the validity of the same registration
     */
    public record Registration(RefcodeItem item, boolean created) {
    }

    /** {@link #registration}'s stored code. */
    public RefcodeItem register(String service, String code, String order, Duration validFor) {
        return registration(service, code, order, validFor).item();
    }

    /**
     * Registers (idempotently; again = new validity) a code the merchant shows a customer.
     *
     * @param service MP service id or local name
     * @param order merchant order reference, or null
     * @param validFor how long it is valid; null = {@code payguru.mp.refcode.expiry}
     * @throws BadRequestException unknown service, malformed code/order (400), the code registered for
     *         another service or order, or already used by a payment (409)
     */
    public Registration registration(String service, String code, String order, Duration validFor) {
        ServiceDirectory.NamedService svc = checked(service, code, order, validFor);
        Instant until = ledger.now().plus(validFor == null ? config.refcode().expiry() : validFor);
        WriteResult.Outcome first = ledger.apply(change(svc, code, order, until, StatusMachine.NONE)).outcome();
        if (first == WriteResult.Outcome.STALE) {
            // it exists for this service and order: renew its validity while it is unused
            WriteResult.Outcome again = ledger.apply(change(svc, code, order, until, REGISTERED)).outcome();
            if (again == WriteResult.Outcome.STALE) {
                throw new BadRequestException(409, "refcode " + code + " is already used by a payment");
            }
            first = again == WriteResult.Outcome.CONFLICT ? again : first;
        }
        if (first == WriteResult.Outcome.CONFLICT) {
            throw new BadRequestException(409, "refcode " + code + " is already registered for another service or order");
        }
        RefcodeItem item = reader.item(RefcodeItem.SCHEMA, TableLayout.mpRefcode(code), RefcodeItem.SORT).orElseThrow();
        return new Registration(item, first == WriteResult.Outcome.APPLIED);
    }

    /** Registers a code only when it does not exist yet (a generated one); empty when it does (a collision). */
    public Optional<Registration> registerNew(String service, String code, String order, Duration validFor) {
        ServiceDirectory.NamedService svc = checked(service, code, order, validFor);
        Instant until = ledger.now().plus(validFor == null ? config.refcode().expiry() : validFor);
        if (ledger.apply(change(svc, code, order, until, StatusMachine.NONE)).outcome() != WriteResult.Outcome.APPLIED) {
            return Optional.empty();
        }
        return Optional.of(new Registration(
                reader.item(RefcodeItem.SCHEMA, TableLayout.mpRefcode(code), RefcodeItem.SORT).orElseThrow(), true));
    }

    /** Whether {@code code} has the agreed format ({@code payguru.mp.refcode.code-format}). */
    public boolean wellFormed(String code) {
        return code != null && format.matcher(code).matches();
    }

    private ServiceDirectory.NamedService checked(String service, String code, String order, Duration validFor) {
        ServiceDirectory.NamedService svc = MpParams.service(services, service);
        if (!wellFormed(code)) {
            throw new BadRequestException("malformed field: refcode (must match payguru.mp.refcode.code-format)");
        }
        if (order != null) {
            Validation.check("order", order, Validation.REFERENCE);
        }
        if (validFor != null && (validFor.isNegative() || validFor.isZero())) {
            throw new BadRequestException("validity must be positive");
        }
        return svc;
    }

    private StateChange change(ServiceDirectory.NamedService svc, String code, String order, Instant until, String from) {
        Instant now = ledger.now();
        StateChange c = StateChange.of(TableLayout.mpRefcode(code), RefcodeItem.SORT)
                .transition("status", REGISTERED, Set.of(from))
                .mustMatch("service", svc.payguruId())
                .set("code", code)
                .set("validUntil", until.toString())
                .set(TableLayout.EXPIRES_AT, until.plus(Duration.ofDays(7)).getEpochSecond())
                .setIfAbsent("createdAt", now.toString());
        if (order != null) {
            c.mustMatch("orderRef", order);
        }
        return c;
    }

    public CallbackAnswer handle(HttpRequest req) {
        Map<String, String> params = guard.admit(KIND, req);
        MpConfig.Refcode cfg = config.refcode();
        String code = new MpParams(params).required(cfg.codeParam());
        String serviceParam = params.get(cfg.serviceParam());
        String service = serviceParam == null || serviceParam.isEmpty() ? null
                : MpParams.service(services, serviceParam).payguruId();
        String reason = reasonInvalid(code, service);
        String shown = privacy.text(code.length() > 40 ? code.substring(0, 40) + "…" : code);
        if (reason == null) {
            LOG.infof("%s refcode=%s service=%s: valid", KIND, shown, service);
            return answer(true, "VALID");
        }
        LOG.infof("%s refcode=%s service=%s: %s", KIND, shown, service, reason);
        return answer(false, reason);
    }

    /** Null when valid, else the reason (upper case). */
    String reasonInvalid(String code, String service) {
        if (!format.matcher(code).matches()) {
            return "MALFORMED";
        }
        Optional<RefcodeItem> item = reader.item(RefcodeItem.SCHEMA, TableLayout.mpRefcode(code), RefcodeItem.SORT);
        if (item.isPresent() && USED.equals(item.get().status)) {
            return "USED";
        }
        if (item.isEmpty() || !REGISTERED.equals(item.get().status)) {
            return "UNKNOWN";
        }
        if (service != null && !service.equals(item.get().service)) {
            return "OTHER SERVICE";
        }
        if (item.get().validUntil == null || !ledger.now().isBefore(Instant.parse(item.get().validUntil))) {
            return "EXPIRED";
        }
        return null;
    }

    /** TEXT: the configured valid/invalid body; JSON: {@code {"result":1|0,"msg":"VALID"|"ERROR: <REASON>"}}. */
    CallbackAnswer answer(boolean valid, String reason) {
        if (config.refcode().answerFormat() == MpConfig.AnswerFormat.JSON) {
            return CallbackAnswer.json(200, JsonNodeFactory.instance.objectNode().put("result", valid ? 1 : 0)
                    .put("msg", valid ? "VALID" : "ERROR: " + reason).toString());
        }
        return CallbackAnswer.text(200, valid ? config.refcode().validText() : config.refcode().invalidText());
    }

    /** A refused request (4xx/5xx) in the configured format. */
    public CallbackAnswer refusal(int status, String message) {
        if (config.refcode().answerFormat() == MpConfig.AnswerFormat.JSON) {
            return MpCredentialService.error(status, message);
        }
        return CallbackAnswer.text(status, message);
    }
}
