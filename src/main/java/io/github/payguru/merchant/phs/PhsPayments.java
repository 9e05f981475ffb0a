package io.github.payguru.merchant.phs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.kernel.Validation;
import io.github.payguru.merchant.payguru.Answers;
import io.github.payguru.merchant.payguru.OperationInput;
import io.github.payguru.merchant.payguru.OperationRequest;
import io.github.payguru.merchant.payguru.PayguruApiConfig;
import io.github.payguru.merchant.payguru.PayguruCalls;
import io.github.payguru.merchant.payguru.PayguruFailure;
import io.github.payguru.merchant.payguru.PayguruOutcome;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.phs.api.PhsGateway;

/**
 * The PHS writes that start a payment (src/site/markdown/payguru-api.md §2.3): the payment notification and,
 * in the sandbox, a test transaction. Input is checked before any call; each is sent once.
 */
@ApplicationScoped
public class PhsPayments {

    public static final String CREATE = "phs-payment-notification-create";
    public static final String TEST_TRANSACTION = "phs-test-transaction";

    private static final Logger LOG = Logger.getLogger(PhsPayments.class);

    private final ServiceDirectory services;
    private final PhsOrders orders;
    private final PhsGateway phs;
    private final PayguruApiConfig api;

    @Inject
    public PhsPayments(ServiceDirectory services, PhsOrders orders, PhsGateway phs, PayguruApiConfig api) {
        this.services = services;
        this.orders = orders;
        this.phs = phs;
        this.api = api;
    }

    /**
     * Registers the order (TCKN kept only as md5(TCKN + service key)) and creates Payguru's payment
     * notification; answers its code and the customer's redirect to {@code cp.payguru.com/phs/yonlendir/{code}}.
     * The order is registered before the call, so a TCKN verify that arrives early is answered.
     */
    public ObjectNode createPaymentNotification(OperationRequest req) {
        ServiceDirectory.NamedService svc = services.serviceOf(Line.PHS, req);
        String order = OperationInput.required(req, "order", Validation.REFERENCE);
        Amount amount = OperationInput.amount(req, "amount");
        String bank = OperationInput.required(req, "bank", Validation.REFERENCE);
        String tckn = OperationInput.tckn(req, "tckn");
        String name = OperationInput.text(req, "name", false);
        String email = OperationInput.email(req, "email");
        String phone = OperationInput.phone(req, "phone");
        String userIp = OperationInput.ip(req, "userIp");
        String applyTime = OperationInput.optional(req, "applyTime", Validation.DATE);
        String description = OperationInput.text(req, "description", false);
        String redirect = OperationInput.url(req, "redirect", false);
        String backUrl = OperationInput.url(req, "backUrl", false);

        orders.register(svc.payguruId(), order, amount.wire(), tckn, null);

        Map<String, String> form = new LinkedHashMap<>();
        form.put("code", svc.payguruId());
        form.put("amount", amount.wire());
        form.put("bank", bank);
        form.put("order", order);
        addIf(form, "PaymentNotification[tc_no]", tckn);
        addIf(form, "PaymentNotification[name]", name);
        addIf(form, "PaymentNotification[email]", email);
        addIf(form, "PaymentNotification[phone]", phone);
        addIf(form, "PaymentNotification[user_ip]", userIp);
        addIf(form, "PaymentNotification[apply_time]", applyTime);
        addIf(form, "PaymentNotification[description]", description);
        PayguruOutcome outcome = phs.call(CREATE, PayguruCalls.Mode.WRITE,
                (client, merchant, token) -> client.paymentNotificationCreate(merchant, token, form));
        String code = PayguruOutcome.Kind.OK == outcome.kind() ? Answers.scalar(outcome.body(), "code") : null;
        if (code == null) {
            if (outcome.ok()) {
                throw PayguruFailure.of(CREATE, new PayguruOutcome(PayguruOutcome.Kind.MALFORMED, outcome.httpStatus(),
                        "MALFORMED_RESPONSE", "Payguru answered 000 without a code", outcome.body()));
            }
            if (outcome.kind().uncertain()) {
                throw PayguruFailure.of(CREATE, new PayguruOutcome(outcome.kind(), outcome.httpStatus(), outcome.code(),
                        outcome.message() + "; the payment notification may have been created: not re-sent (a repeat"
                                + " with the same order is answered ERR_019 order exists)",
                        outcome.body()));
            }
            throw PayguruFailure.of(CREATE, outcome);
        }
        orders.register(svc.payguruId(), order, amount.wire(), tckn, code);
        LOG.infof("%s order=%s service=%s: code %s", CREATE, Masking.text(order), svc.payguruId(), code);
        ObjectNode out = Answers.answer(outcome).put("order", order).put("service", svc.payguruId()).put("code", code)
                .put("redirectUrl", redirectUrl(code, redirect, backUrl));
        return out;
    }

    /** {@code cp.payguru.com/phs/yonlendir/{code}?redirect=…&backUrl=…}, both parameters optional. */
    String redirectUrl(String code, String redirect, String backUrl) {
        StringBuilder url = new StringBuilder(Answers.trimSlash(api.checkoutBaseUrl())).append("/phs/yonlendir/")
                .append(URLEncoder.encode(code, StandardCharsets.UTF_8).replace("+", "%20"));
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        if (redirect != null) {
            q.add("redirect=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8));
        }
        if (backUrl != null) {
            q.add("backUrl=" + URLEncoder.encode(backUrl, StandardCharsets.UTF_8));
        }
        return url.append(q).toString();
    }

    /** Sandbox only: asks Payguru to send a test PHS notify. Refused (403) unless the sandbox URL is configured. */
    public ObjectNode testTransaction(OperationRequest req) {
        ServiceDirectory.NamedService svc = services.serviceOf(Line.PHS, req);
        String ref = OperationInput.required(req, "ref", Validation.REFERENCE);
        Amount amount = OperationInput.amount(req, "amount");
        String name = OperationInput.text(req, "name", false);
        String description = OperationInput.text(req, "description", false);
        String iban = OperationInput.iban(req, "iban");
        String tckno = OperationInput.tckn(req, "tckno");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("code", svc.payguruId());
        form.put("ref", ref);
        form.put("amount", amount.wire());
        addIf(form, "name", name);
        addIf(form, "description", description);
        addIf(form, "iban", iban);
        addIf(form, "tckno", tckno);
        PayguruOutcome outcome = phs.sandbox(TEST_TRANSACTION,
                (client, merchant, token) -> client.transactionTest(merchant, token, form));
        return Answers.answer(Answers.require(TEST_TRANSACTION, outcome));
    }

    private static void addIf(Map<String, String> form, String name, String value) {
        if (value != null) {
            form.put(name, value);
        }
    }
}
