package io.github.payguru.merchant.mp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.BadRequestException;
import io.github.payguru.merchant.kernel.ChangeCause;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.StatusMachine;
import io.github.payguru.merchant.kernel.Validation;
import io.github.payguru.merchant.mp.api.CheckoutApi;
import io.github.payguru.merchant.payguru.Answers;
import io.github.payguru.merchant.payguru.MpCheckoutKeyInput;
import io.github.payguru.merchant.payguru.OperationInput;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.payguru.PayguruApiConfig;
import io.github.payguru.merchant.payguru.PayguruCalls;
import io.github.payguru.merchant.payguru.PayguruFailure;
import io.github.payguru.merchant.payguru.PayguruHttp;
import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.PayguruOutcome;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.store.Ledger;
import io.github.payguru.merchant.store.OrderItem;
import io.github.payguru.merchant.store.StateChange;
import io.github.payguru.merchant.store.TableLayout;
import io.github.payguru.merchant.store.WriteResult;

/**
 * {@code mp-payment-page} (src/site/markdown/payguru-api.md §2.2): stores the pending order under its reference
 * code, then asks Payguru for a payment page token and answers the customer's redirect URL. Sent once.
 */
@ApplicationScoped
public class MpPaymentPage {

    public static final String PAYMENT_PAGE = "mp-payment-page";

    private static final Pattern ITEM = Pattern.compile("[^\\p{Cntrl}]{1,128}");

    private static final Logger LOG = Logger.getLogger(MpPaymentPage.class);

    private final ServiceDirectory services;
    private final PayguruHttp http;
    private final PayguruCalls calls;
    private final PayguruApiConfig api;
    private final Ledger ledger;

    @Inject
    public MpPaymentPage(ServiceDirectory services, PayguruHttp http, PayguruCalls calls, PayguruApiConfig api,
            Ledger ledger) {
        this.services = services;
        this.http = http;
        this.calls = calls;
        this.api = api;
        this.ledger = ledger;
    }

    /**
     * The same reference with another price is refused (409) before any call; the transaction notification later
     * arrives with {@code order} = this reference.
     */
    public ObjectNode paymentPage(OperationRequest req) {
        ServiceDirectory.NamedService svc = services.serviceOf(Line.MP, req);
        String reference = OperationInput.required(req, "referenceCode", Validation.REFERENCE);
        String item = OperationInput.required(req, "item", ITEM);
        Amount price = OperationInput.amount(req, "price");
        String successUrl = OperationInput.url(req, "successUrl", true);
        String failureUrl = OperationInput.url(req, "failureUrl", true);
        Boolean trial = OperationInput.bool(req, "hasTrialPeriod");
        String trialDays = OperationInput.smallInt(req, "trialPeriodDay");

        String pk = TableLayout.mpOrder(svc.payguruId(), reference);
        String now = ledger.now().toString();
        WriteResult stored = ledger.apply(StateChange.of(pk, OrderItem.SORT)
                .transition("status", StatusMachine.CREATED, Set.of(StatusMachine.NONE, StatusMachine.CREATED))
                .mustMatch("amount", price.canonical())
                .set("line", Line.MP.name())
                .set("service", svc.payguruId())
                .set("orderRef", reference)
                .setIfAbsent("createdAt", now)
                .set("updatedAt", now)
                .set(TableLayout.GSI1_PK, TableLayout.orderRef(reference))
                .set(TableLayout.GSI1_SK, pk)
                .cause(ChangeCause.OPERATION));
        if (stored.outcome() == WriteResult.Outcome.CONFLICT) {
            throw new BadRequestException(409, "referenceCode " + reference + " is already used with another price");
        }
        if (stored.outcome() == WriteResult.Outcome.STALE) {
            throw new BadRequestException(409, "referenceCode " + reference + " is already "
                    + stored.currentString("status"));
        }

        String merchantId = services.merchantId();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("merchantId", merchantId);
        form.put("serviceId", svc.payguruId());
        form.put("referenceCode", reference);
        form.put("item", item);
        form.put("price", price.wire());
        form.put("successUrl", successUrl);
        form.put("failureUrl", failureUrl);
        if (trial != null) {
            form.put("hasTrialPeriod", trial.toString());
        }
        if (trialDays != null) {
            form.put("trialPeriodDay", trialDays);
        }
        form.put("key", PayguruKeys.md5(new MpCheckoutKeyInput(merchantId, svc.payguruId(), svc.privateKey(), reference,
                item, price.wire(), successUrl, failureUrl)));
        PayguruOutcome outcome = calls.call(PAYMENT_PAGE, PayguruCalls.Mode.WRITE, PayguruOutcome::mp,
                () -> new CheckoutApi(http, api.checkoutBaseUrl()).token(form));
        Answers.require(PAYMENT_PAGE, outcome);
        String redirect = Answers.scalar(outcome.body().path("tokenData"), "redirectUrl");
        if (redirect == null) {
            throw PayguruFailure.of(PAYMENT_PAGE, new PayguruOutcome(PayguruOutcome.Kind.MALFORMED,
                    outcome.httpStatus(), "MALFORMED_RESPONSE", "Payguru answered SUCCESS without tokenData.redirectUrl",
                    outcome.body()));
        }
        LOG.infof("%s referenceCode=%s service=%s: payment page ready", PAYMENT_PAGE, reference, svc.payguruId());
        return Answers.answer(outcome).put("referenceCode", reference).put("service", svc.payguruId())
                .put("redirectUrl", redirect);
    }
}
