package io.github.payguru.merchant.dev.simulator;

import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.PHS_NOTIFY_PATH;
import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.PHS_TCKN_VERIFY_PATH;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.Masking;
import io.github.payguru.merchant.payguru.PayguruConfig;
import io.github.payguru.merchant.kernel.PayguruKeys;
import io.github.payguru.merchant.kernel.PhsNotifyKeyInput;
import io.github.payguru.merchant.kernel.PhsTokenKeyInput;
import io.github.payguru.merchant.kernel.TcknHashInput;
import io.github.payguru.merchant.kernel.TcknVerifyKeyInput;
import io.github.payguru.merchant.payguru.ServiceDirectory;
import io.github.payguru.merchant.payguru.ServiceDirectory.NamedService;

/**
 * The simulated PHS platform (bank transfer): API tokens, payment notifications, order references,
 * transactions and refunds, and the transfer flow (TCKN verify, then the signed notify). State
 * changes under {@link SimContext#lock}; callbacks are submitted after it is released. Owned by
 * {@link PayguruSimulator}.
 */
final class PhsPlatform {

    private static final Logger LOG = Logger.getLogger(PhsPlatform.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimContext ctx;
    private final SimulatorSettings settings;
    private final PayguruConfig config;
    private final ServiceDirectory services;
    private final CallbackSender sender;
    private final Object lock;
    private final AtomicLong ids;
    private final Map<String, Instant> phsTokens = new ConcurrentHashMap<>();
    private final Map<Long, PhsPaymentNotification> paymentNotifications = new LinkedHashMap<>();
    /** Payguru order code -> (service code, merchant order): payment notifications and looked-up references. */
    private final Map<String, String[]> references = new LinkedHashMap<>();
    private final Map<String, PhsTransaction> phsTransactions = new LinkedHashMap<>();
    private final Map<String, PhsRefund> phsRefunds = new LinkedHashMap<>();
    private volatile boolean phsSandbox = true;
    private volatile String phsCallbackMethod = "GET";

    PhsPlatform(SimContext ctx) {
        this.ctx = ctx;
        this.settings = ctx.settings;
        this.config = ctx.config;
        this.services = ctx.services;
        this.sender = ctx.sender;
        this.lock = ctx.lock;
        this.ids = ctx.ids;
    }

    /** Forgets everything; knobs back to their configured values. */
    void reset() {
        synchronized (lock) {
            phsTokens.clear();
            paymentNotifications.clear();
            references.clear();
            phsTransactions.clear();
            phsRefunds.clear();
            phsSandbox = settings.phsSandbox;
            phsCallbackMethod = "POST".equalsIgnoreCase(settings.phsCallbackMethod) ? "POST" : "GET";
        }
    }

    Map<String, Object> knobs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phsCallbackMethod", phsCallbackMethod);
        m.put("phsSandbox", phsSandbox);
        return m;
    }

    Optional<NamedService> phsService(String codeOrName) {
        return services.find(Line.PHS, codeOrName);
    }

    /** A PHS transaction as if the transfer had arrived earlier (no callbacks sent). {@code service}: code or local name. */
    public PhsTransaction seedPhsTransaction(String service, String order, String amount, int status) {
        NamedService svc = phsService(service).orElseThrow(() -> new IllegalArgumentException("no PHS service " + service));
        Amount.parse(amount);
        synchronized (lock) {
            String code = newReference(svc.payguruId(), order);
            PhsTransaction tx = newPhsTransaction(svc, PhsBank.ALL.get("isbank"), code, order, amount);
            tx.status = status;
            return tx;
        }
    }

    /** A PHS refund of a known PHS transaction (refund creation is not documented, so only seeding makes them). */
    public PhsRefund seedPhsRefund(String transactionId, int status) {
        synchronized (lock) {
            PhsTransaction tx = Optional.ofNullable(phsTransactions.get(transactionId))
                    .orElseThrow(() -> new IllegalArgumentException("no PHS transaction " + transactionId));
            PhsRefund r = new PhsRefund(Long.toString(ids.incrementAndGet()), tx.merchantId, tx.serviceCode, tx.id,
                    tx.amount, tx.bank);
            r.status = status;
            r.refundContact = "Simulated Customer";
            r.refundIban = "TR330006100519786457841326";
            r.createTime = ctx.now();
            r.updateTime = r.createTime;
            r.refundTime = status == 3 ? r.createTime : null;
            phsRefunds.put(r.id, r);
            return r;
        }
    }

    public Optional<PhsTransaction> phsTransaction(String id) {
        synchronized (lock) {
            return Optional.ofNullable(phsTransactions.get(id));
        }
    }

    public Optional<PhsPaymentNotification> paymentNotificationByCode(String code) {
        synchronized (lock) {
            return paymentNotifications.values().stream().filter(p -> p.code.equals(code)).findFirst();
        }
    }

    public List<PhsTransaction> phsTransactions() {
        synchronized (lock) {
            return List.copyOf(phsTransactions.values());
        }
    }

    public List<PhsPaymentNotification> paymentNotifications() {
        synchronized (lock) {
            return List.copyOf(paymentNotifications.values());
        }
    }

    /** {@code getToken}: key = md5(merchantId + serverIp + merchantKey). */
    String phsToken(String merchant, String key) {
        if (!ctx.ipAllowed) {
            throw new SimulatorError(200, "ERR_002", null);
        }
        if (merchant == null || merchant.isEmpty() || key == null || key.isEmpty()) {
            throw new SimulatorError(200, "ERR_008", null);
        }
        if (!merchant.equals(config.merchantId())) {
            throw new SimulatorError(200, "ERR_004", null);
        }
        String merchantKey = settings.phsTokenKey.or(() -> settings.merchantPrivateKey).orElse("");
        String expected = PayguruKeys.md5(new PhsTokenKeyInput(config.merchantId(), merchantKey, settings.phsServerIp));
        if (merchantKey.isEmpty() || !PayguruKeys.matches(expected, key)) {
            throw new SimulatorError(200, "ERR_001", null);
        }
        String token = "{" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT) + "}";
        phsTokens.put(token, ctx.now().plus(settings.phsTokenTtl));
        return token;
    }

    /** Checks the {@code merchant} and {@code token} headers of a PHS call. */
    void phsAuth(Map<String, String> headers) {
        if (!ctx.ipAllowed) {
            throw new SimulatorError(200, "ERR_002", null);
        }
        String token = headers.get("token");
        if (token == null || token.isBlank()) {
            throw new SimulatorError(200, "ERR_015", null);
        }
        Instant expires = null;
        for (Map.Entry<String, Instant> e : phsTokens.entrySet()) {
            if (MessageDigest.isEqual(e.getKey().getBytes(StandardCharsets.UTF_8),
                    token.strip().getBytes(StandardCharsets.UTF_8))) {
                expires = e.getValue();
            }
        }
        if (expires == null || !expires.isAfter(ctx.now())) {
            throw new SimulatorError(200, "ERR_016", null);
        }
        String merchant = headers.get("merchant");
        if (merchant == null || !merchant.strip().equals(config.merchantId())) {
            throw new SimulatorError(200, "ERR_004", null);
        }
    }

    /** {@code paymentNotification/create}. */
    PhsPaymentNotification createPaymentNotification(Map<String, String> p) {
        NamedService svc = phsService(p.get("code")).filter(s -> s.payguruId().equals(p.get("code")))
                .orElseThrow(() -> new SimulatorError(200, "ERR_005", null));
        String amount = p.get("amount");
        if (amount == null || amount.isEmpty()) {
            throw new SimulatorError(200, "ERR_012", null);
        }
        try {
            Amount a = Amount.parse(amount);
            if (a.value().signum() <= 0) {
                throw new IllegalArgumentException("zero");
            }
        } catch (IllegalArgumentException e) {
            throw new SimulatorError(200, "ERR_017", null);
        }
        PhsBank bank = PhsBank.find(p.get("bank")).orElseThrow(() -> new SimulatorError(200, "ERR_011", null));
        String order = p.get("order");
        if (order == null || order.isEmpty() || order.length() > 64) {
            throw new SimulatorError(200, "ERR_014", null);
        }
        synchronized (lock) {
            boolean exists = paymentNotifications.values().stream()
                    .anyMatch(x -> x.serviceCode.equals(svc.payguruId()) && x.order.equals(order));
            if (exists) {
                throw new SimulatorError(200, "ERR_019", null);
            }
            String code = newReference(svc.payguruId(), order);
            PhsPaymentNotification pn = new PhsPaymentNotification(ids.incrementAndGet(), code, config.merchantId(),
                    svc.payguruId(), svc.name(), bank, order, amount);
            pn.tcNo = first(p, "PaymentNotification[tc_no]", "PaymentNotification[tc]", "PaymentNotification[tckn]");
            pn.name = p.get("PaymentNotification[name]");
            pn.email = p.get("PaymentNotification[email]");
            pn.phone = p.get("PaymentNotification[phone]");
            pn.userIp = p.get("PaymentNotification[user_ip]");
            pn.applyTime = p.get("PaymentNotification[apply_time]");
            pn.description = p.get("PaymentNotification[description]");
            pn.createTime = ctx.now();
            pn.status = 0;
            paymentNotifications.put(pn.id, pn);
            return pn;
        }
    }

    PhsPaymentNotification paymentNotification(String id) {
        synchronized (lock) {
            try {
                PhsPaymentNotification pn = paymentNotifications.get(Long.parseLong(id == null ? "" : id.strip()));
                if (pn != null) {
                    return pn;
                }
            } catch (NumberFormatException e) {
                // falls through to the documented error
            }
            throw new SimulatorError(200, "ERR_013", null);
        }
    }

    PhsTransaction phsTransactionOrError(String id) {
        synchronized (lock) {
            PhsTransaction tx = id == null ? null : phsTransactions.get(id.strip());
            if (tx == null) {
                throw new SimulatorError(200, "ERR_006", null);
            }
            return tx;
        }
    }

    PhsRefund phsRefund(String id) {
        synchronized (lock) {
            PhsRefund r = id == null ? null : phsRefunds.get(id.strip());
            if (r == null) {
                throw new SimulatorError(200, "ERR_006", null);
            }
            return r;
        }
    }

    /** {@code orderToReference/check}: the Payguru reference for a merchant order, created on first ask. */
    Map<String, Object> orderToReference(String code, String order) {
        NamedService svc = phsService(code).filter(s -> s.payguruId().equals(code))
                .orElseThrow(() -> new SimulatorError(200, "ERR_005", null));
        if (order == null || order.isEmpty() || order.length() > 64) {
            throw new SimulatorError(200, "ERR_014", null);
        }
        synchronized (lock) {
            String ref = references.entrySet().stream()
                    .filter(e -> e.getValue()[0].equals(svc.payguruId()) && e.getValue()[1].equals(order))
                    .map(Map.Entry::getKey).findFirst().orElseGet(() -> newReference(svc.payguruId(), order));
            Optional<PhsTransaction> paid = phsTransactions.values().stream()
                    .filter(t -> t.code.equals(ref) && t.status == 3).findFirst();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("order", ref);
            out.put("payout", paid.map(t -> t.amount).orElse(null));
            out.put("sub_merchant_id", null);
            out.put("fee", paid.map(t -> "0.00").orElse(null));
            return out;
        }
    }

    /**
     * The customer's bank transfer for a payment notification arrives ({@code yonlendir ?pay=1}):
     * TCKN verify with the merchant, then the signed notify (status 3), or {@code unverified} and the
     * transaction left waiting for the merchant (5) when the merchant's TCKN does not match the sender's.
     *
     * @param senderTckn the TCKN of the account the money came from (null: the one given at create)
     */
    PhsTransaction transfer(String code, String senderTckn, boolean synchronous) {
        PhsTransaction tx;
        NamedService svc;
        String tckn;
        synchronized (lock) {
            PhsPaymentNotification pn = paymentNotifications.values().stream().filter(p -> p.code.equals(code))
                    .findFirst().orElseThrow(() -> new SimulatorError(404, "ERR_013", null));
            if (pn.transactionId != null) {
                throw new SimulatorError(409, "ERR_018", null);
            }
            svc = phsService(pn.serviceCode).orElseThrow(() -> new SimulatorError(200, "ERR_005", null));
            tx = newPhsTransaction(svc, pn.bank, pn.code, pn.order, pn.amount);
            tx.userName = pn.name;
            tx.remoteDescription = pn.code;
            pn.transactionId = tx.id;
            pn.status = 1;
            tckn = senderTckn != null ? senderTckn : pn.tcNo;
        }
        deliverTransfer(svc, tx, tckn, settings.phsTcknCheck, synchronous);
        return tx;
    }

    /** {@code transaction/test} (sandbox only): a transfer for a reference, delivered before answering. */
    PhsTransaction testTransaction(Map<String, String> p) {
        if (!phsSandbox) {
            throw new SimulatorError(200, "ERR_039", null);
        }
        NamedService svc = phsService(p.get("code")).filter(s -> s.payguruId().equals(p.get("code")))
                .orElseThrow(() -> new SimulatorError(200, "ERR_005", null));
        String ref = p.get("ref");
        String amount = p.get("amount");
        if (amount == null || amount.isEmpty()) {
            throw new SimulatorError(200, "ERR_012", null);
        }
        try {
            Amount.parse(amount);
        } catch (IllegalArgumentException e) {
            throw new SimulatorError(200, "ERR_017", null);
        }
        PhsTransaction tx;
        synchronized (lock) {
            String[] known = ref == null ? null : references.get(ref);
            if (known == null || !known[0].equals(svc.payguruId())) {
                throw new SimulatorError(200, "ERR_014", null);
            }
            Optional<PhsPaymentNotification> pn = paymentNotifications.values().stream()
                    .filter(x -> x.code.equals(ref)).findFirst();
            tx = newPhsTransaction(svc, pn.map(x -> x.bank).orElse(PhsBank.ALL.get("isbank")), ref, known[1], amount);
            tx.userName = p.get("name");
            tx.remoteDescription = p.get("description");
            tx.remoteBank = p.get("iban") == null ? null : Masking.iban(p.get("iban"));
            pn.ifPresent(x -> {
                x.transactionId = tx.id;
                x.status = 1;
            });
        }
        // the test call verifies the TCKN only when one is given; without it the notify goes straight out
        String tckn = p.get("tckno");
        deliverTransfer(svc, tx, tckn, settings.phsTcknCheck && tckn != null, true);
        return tx;
    }

    private void deliverTransfer(NamedService svc, PhsTransaction tx, String senderTckn, boolean verify,
            boolean synchronous) {
        List<Callback> batch;
        if (!verify) {
            batch = approve(svc, tx, false);
        } else {
            batch = List.of(new Callback("phs.tckn-verify", phsMethod(), PHS_TCKN_VERIFY_PATH,
                    tcknParams(svc, tx, "verify"), true, d -> afterVerify(svc, tx, senderTckn, d)));
        }
        sender.submit(batch, synchronous);
    }

    private List<Callback> afterVerify(NamedService svc, PhsTransaction tx, String senderTckn, Delivery answer) {
        boolean ok = false;
        if (answer.accepted()) {
            try {
                JsonNode n = JSON.readTree(answer.answer());
                boolean status = n.path("status").asBoolean(false);
                String hash = n.path("tckn").isTextual() ? n.path("tckn").asText() : null;
                ok = status && hash != null && (senderTckn == null
                        || PayguruKeys.matches(PayguruKeys.md5(new TcknHashInput(senderTckn, svc.privateKey())), hash));
            } catch (Exception e) {
                ok = false;
            }
        }
        if (ok) {
            return approve(svc, tx, true);
        }
        synchronized (lock) {
            tx.status = 5;
        }
        LOG.infof("payguru simulator: PHS txid=%s order=%s not verified by the merchant: waiting for approval (5)",
                tx.id, tx.order);
        return List.of(Callback.notification("phs.tckn-verify", phsMethod(), PHS_TCKN_VERIFY_PATH,
                tcknParams(svc, tx, "unverified")));
    }

    private List<Callback> approve(NamedService svc, PhsTransaction tx, boolean verified) {
        synchronized (lock) {
            tx.status = 3;
            paymentNotifications.values().stream().filter(p -> tx.id.equals(p.transactionId))
                    .forEach(p -> p.status = 10);
        }
        List<Callback> out = new ArrayList<>();
        if (verified) {
            out.add(Callback.notification("phs.tckn-verify", phsMethod(), PHS_TCKN_VERIFY_PATH,
                    tcknParams(svc, tx, "verified")));
        }
        out.add(Callback.notification("phs.notify", phsMethod(), PHS_NOTIFY_PATH, notifyParams(svc, tx)));
        return out;
    }

    /** The signed PHS notify of a transaction, as Payguru sends it (src/site/markdown/payguru-api.md §1.5). */
    public Map<String, String> notifyParams(NamedService svc, PhsTransaction tx) {
        String merchantKey = settings.merchantPrivateKey.orElse("");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("txid", tx.id);
        p.put("code", tx.code);
        p.put("order", tx.order);
        p.put("status", Integer.toString(tx.status));
        p.put("amount", tx.amount);
        p.put("transaction_date", SimDates.text(tx.transactionDate));
        p.put("bank", tx.bank.code());
        p.put("key", PayguruKeys.md5(new PhsNotifyKeyInput(config.merchantId(), merchantKey, svc.payguruId(),
                svc.privateKey(), tx.id, tx.code, tx.order, tx.amount)));
        return p;
    }

    private Map<String, String> tcknParams(NamedService svc, PhsTransaction tx, String type) {
        String merchantKey = settings.merchantPrivateKey.orElse("");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("txid", tx.id);
        p.put("code", tx.code);
        p.put("order", tx.order);
        p.put("amount", tx.amount);
        p.put("transaction_date", SimDates.text(tx.transactionDate));
        p.put("bank", tx.bank.code());
        p.put("bank_no", Integer.toString(tx.bank.id()));
        p.put("key", PayguruKeys.md5(new TcknVerifyKeyInput(config.merchantId(), merchantKey, svc.payguruId(),
                svc.privateKey(), tx.order)));
        p.put("notification_type", type);
        return p;
    }

    private String phsMethod() {
        return phsCallbackMethod;
    }

    /** PHS service id for the JSON objects: configured {@code id} if numeric, else its position. */
    long phsServiceId(String code) {
        Optional<NamedService> s = phsService(code);
        if (s.isPresent() && s.get().config().id().filter(i -> i.matches("\\d{1,18}")).isPresent()) {
            return Long.parseLong(s.get().config().id().get());
        }
        List<NamedService> all = services.candidates(Line.PHS, null);
        all.sort(Comparator.comparing(NamedService::payguruId));
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).payguruId().equals(code)) {
                return i + 1L;
            }
        }
        return 0;
    }

    private String newReference(String serviceCode, String order) {
        String code;
        do {
            code = Long.toString(10_000_000L + RANDOM.nextInt(89_999_999));
        } while (references.containsKey(code));
        references.put(code, new String[] { serviceCode, order });
        return code;
    }

    private PhsTransaction newPhsTransaction(NamedService svc, PhsBank bank, String code, String order, String amount) {
        PhsTransaction tx = new PhsTransaction(Long.toString(ids.incrementAndGet()), config.merchantId(),
                svc.payguruId(), svc.name(), bank, code, order, amount);
        tx.transactionDate = ctx.now().truncatedTo(ChronoUnit.SECONDS);
        tx.createTime = tx.transactionDate;
        tx.status = 1;
        phsTransactions.put(tx.id, tx);
        return tx;
    }

    private static String first(Map<String, String> p, String... names) {
        for (String n : names) {
            if (p.get(n) != null && !p.get(n).isEmpty()) {
                return p.get(n);
            }
        }
        return null;
    }

    /** PHS notify and TCKN verify as {@code GET} (query) or {@code POST} (JSON body); reset() restores the configured one. */
    public void setPhsCallbackMethod(String method) {
        if (!"GET".equalsIgnoreCase(method) && !"POST".equalsIgnoreCase(method)) {
            throw new IllegalArgumentException("GET or POST");
        }
        phsCallbackMethod = method.toUpperCase(Locale.ROOT);
    }

    /** false: {@code transaction/test} is refused ({@code ERR_039}) as on the production platform. */
    public void setPhsSandbox(boolean sandbox) {
        phsSandbox = sandbox;
    }

    /** Every PHS token issued so far becomes invalid ({@code ERR_016}). */
    public void expireTokens() {
        phsTokens.replaceAll((t, exp) -> Instant.EPOCH);
    }
}
