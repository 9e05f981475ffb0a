package io.github.payguru.merchant.dev.simulator;

import static io.github.payguru.merchant.dev.simulator.SimulatorError.phs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.PhsTokenKeyInput;
import io.github.payguru.merchant.payguru.ServiceDirectory.NamedService;

/**
 * What the simulated PHS API does on a call: issue and check tokens, register a payment notification,
 * find a notification, transaction or refund, turn a merchant order into an order reference. Refusals
 * are the documented {@code ERR_0xx} statuses.
 */
final class PhsApiFlows {

    private final SimContext ctx;
    private final PhsState state;

    PhsApiFlows(SimContext ctx, PhsState state) {
        this.ctx = ctx;
        this.state = state;
    }

    /** {@code getToken}: key = md5(merchantId + serverIp + merchantKey). */
    String token(String merchant, String key) {
        if (!ctx.ipAllowed) {
            throw phs("ERR_002");
        }
        if (merchant == null || merchant.isEmpty() || key == null || key.isEmpty()) {
            throw phs("ERR_008");
        }
        if (!merchant.equals(ctx.config.merchantId())) {
            throw phs("ERR_004");
        }
        SimulatorSettings settings = ctx.settings;
        String merchantKey = settings.phsTokenKey.or(() -> settings.merchantPrivateKey).orElse("");
        String expected = PayguruKeys.md5(new PhsTokenKeyInput(ctx.config.merchantId(), merchantKey, settings.phsServerIp));
        if (merchantKey.isEmpty() || !PayguruKeys.matches(expected, key)) {
            throw phs("ERR_001");
        }
        String token = "{" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT) + "}";
        state.addToken(token, ctx.now().plus(settings.phsTokenTtl));
        return token;
    }

    /** Checks the {@code merchant} and {@code token} headers of a PHS call. */
    void authorize(Map<String, String> headers) {
        if (!ctx.ipAllowed) {
            throw phs("ERR_002");
        }
        String token = headers.get("token");
        if (token == null || token.isBlank()) {
            throw phs("ERR_015");
        }
        Instant expires = state.tokenExpiry(token.strip());
        if (expires == null || !expires.isAfter(ctx.now())) {
            throw phs("ERR_016");
        }
        String merchant = headers.get("merchant");
        if (merchant == null || !merchant.strip().equals(ctx.config.merchantId())) {
            throw phs("ERR_004");
        }
    }

    /** {@code paymentNotification/create}. */
    PhsPaymentNotification createPaymentNotification(Map<String, String> p) {
        NamedService svc = service(p.get("code"));
        String amount = p.get("amount");
        if (amount(amount).value().signum() <= 0) {
            throw phs("ERR_017");
        }
        PhsBank bank = PhsBank.find(p.get("bank")).orElseThrow(() -> phs("ERR_011"));
        String order = order(p.get("order"));
        synchronized (ctx.lock) {
            if (state.paymentNotificationExists(svc.payguruId(), order)) {
                throw phs("ERR_019");
            }
            PhsPaymentNotification pn = state.newPaymentNotification(svc, bank, order, amount);
            pn.tcNo = first(p, "PaymentNotification[tc_no]", "PaymentNotification[tc]", "PaymentNotification[tckn]");
            pn.name = p.get("PaymentNotification[name]");
            pn.email = p.get("PaymentNotification[email]");
            pn.phone = p.get("PaymentNotification[phone]");
            pn.userIp = p.get("PaymentNotification[user_ip]");
            pn.applyTime = p.get("PaymentNotification[apply_time]");
            pn.description = p.get("PaymentNotification[description]");
            return pn;
        }
    }

    /** {@code paymentNotification/get}. */
    PhsPaymentNotification paymentNotification(String id) {
        try {
            return state.paymentNotification(Long.parseLong(id == null ? "" : id.strip()))
                    .orElseThrow(() -> phs("ERR_013"));
        } catch (NumberFormatException e) {
            throw phs("ERR_013");
        }
    }

    /** {@code transaction/get}. */
    PhsTransaction transaction(String id) {
        return state.transaction(id == null ? null : id.strip()).orElseThrow(() -> phs("ERR_006"));
    }

    /** {@code refund/get}. */
    PhsRefund refund(String id) {
        return state.refund(id == null ? null : id.strip()).orElseThrow(() -> phs("ERR_006"));
    }

    /** {@code orderToReference/check}: the Payguru reference for a merchant order, created on first ask. */
    Map<String, Object> orderToReference(String code, String order) {
        NamedService svc = service(code);
        order(order);
        synchronized (ctx.lock) {
            String ref = state.referenceOf(svc.payguruId(), order);
            Optional<PhsTransaction> paid = state.paidTransaction(ref);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("order", ref);
            out.put("payout", paid.map(t -> t.amount).orElse(null));
            out.put("sub_merchant_id", null);
            out.put("fee", paid.map(t -> "0.00").orElse(null));
            return out;
        }
    }

    /** The configured service with this PHS code ({@code ERR_005} otherwise). */
    NamedService service(String code) {
        return state.service(code).filter(s -> s.payguruId().equals(code)).orElseThrow(() -> phs("ERR_005"));
    }

    /** A required amount: {@code ERR_012} when missing, {@code ERR_017} when not an amount. */
    static Amount amount(String amount) {
        if (amount == null || amount.isEmpty()) {
            throw phs("ERR_012");
        }
        try {
            return Amount.parse(amount);
        } catch (IllegalArgumentException e) {
            throw phs("ERR_017");
        }
    }

    /** A merchant order: 1 to 64 characters ({@code ERR_014} otherwise). */
    private static String order(String order) {
        if (order == null || order.isEmpty() || order.length() > 64) {
            throw phs("ERR_014");
        }
        return order;
    }

    private static String first(Map<String, String> p, String... names) {
        for (String n : names) {
            if (p.get(n) != null && !p.get(n).isEmpty()) {
                return p.get(n);
            }
        }
        return null;
    }
}
