package io.github.payguru.merchant.dev.simulator;

import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.PHS_NOTIFY_PATH;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.PHS_TCKN_VERIFY_PATH;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.github.payguru.merchant.payguru.PayguruConfig;
import io.github.payguru.merchant.payguru.PayguruKeys;
import io.github.payguru.merchant.payguru.PhsNotifyKeyInput;
import io.github.payguru.merchant.payguru.ServiceDirectory.NamedService;
import io.github.payguru.merchant.payguru.TcknVerifyKeyInput;

/**
 * What the simulated PHS platform sends to the merchant about a transaction: the signed TCKN verify
 * (the question, then {@code verified} or {@code unverified}) and the signed notify, as {@code GET}
 * query or {@code POST} JSON (a knob).
 */
final class PhsCallbacks {

    private final SimulatorSettings settings;
    private final PayguruConfig config;
    private volatile String method = "GET";

    PhsCallbacks(SimContext ctx) {
        this.settings = ctx.settings;
        this.config = ctx.config;
    }

    /** The method back to its configured value. */
    void reset() {
        method = "POST".equalsIgnoreCase(settings.phsCallbackMethod) ? "POST" : "GET";
    }

    /** PHS notify and TCKN verify as {@code GET} (query) or {@code POST} (JSON body). */
    void setMethod(String method) {
        if (!"GET".equalsIgnoreCase(method) && !"POST".equalsIgnoreCase(method)) {
            throw new IllegalArgumentException("GET or POST");
        }
        this.method = method.toUpperCase(Locale.ROOT);
    }

    String method() {
        return method;
    }

    /** The TCKN verify question; {@code then} decides from the merchant's answer what follows. */
    Callback verifyQuestion(NamedService svc, PhsTransaction tx, Function<Delivery, List<Callback>> then) {
        return new Callback("phs.tckn-verify", method, PHS_TCKN_VERIFY_PATH, tcknParams(svc, tx, "verify"), true, then);
    }

    /** The TCKN verify outcome: {@code verified} or {@code unverified}. */
    Callback verifyOutcome(NamedService svc, PhsTransaction tx, String type) {
        return Callback.notification("phs.tckn-verify", method, PHS_TCKN_VERIFY_PATH, tcknParams(svc, tx, type));
    }

    Callback notify(NamedService svc, PhsTransaction tx) {
        return Callback.notification("phs.notify", method, PHS_NOTIFY_PATH, notifyParams(svc, tx));
    }

    /** The signed PHS notify of a transaction, as Payguru sends it (src/site/markdown/payguru-api.md §1.5). */
    Map<String, String> notifyParams(NamedService svc, PhsTransaction tx) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("txid", tx.id);
        p.put("code", tx.code);
        p.put("order", tx.order);
        p.put("status", Integer.toString(tx.status));
        p.put("amount", tx.amount);
        p.put("transaction_date", SimDates.text(tx.transactionDate));
        p.put("bank", tx.bank.code());
        p.put("key", PayguruKeys.md5(new PhsNotifyKeyInput(config.merchantId(), merchantKey(), svc.payguruId(),
                svc.privateKey(), tx.id, tx.code, tx.order, tx.amount)));
        return p;
    }

    private Map<String, String> tcknParams(NamedService svc, PhsTransaction tx, String type) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("txid", tx.id);
        p.put("code", tx.code);
        p.put("order", tx.order);
        p.put("amount", tx.amount);
        p.put("transaction_date", SimDates.text(tx.transactionDate));
        p.put("bank", tx.bank.code());
        p.put("bank_no", Integer.toString(tx.bank.id()));
        p.put("key", PayguruKeys.md5(new TcknVerifyKeyInput(config.merchantId(), merchantKey(), svc.payguruId(),
                svc.privateKey(), tx.order)));
        p.put("notification_type", type);
        return p;
    }

    private String merchantKey() {
        return settings.merchantPrivateKey.orElse("");
    }
}
