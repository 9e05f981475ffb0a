package io.github.payguru.merchant.dev.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.payguru.ServiceDirectory.NamedService;

/**
 * What the simulated PHS platform holds: API tokens, payment notifications, order references,
 * transactions and refunds; how they are made, found and seeded. Everything but the tokens changes
 * under {@link SimContext#lock}: the {@code new…} methods are called with it held.
 */
final class PhsState {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A merchant order of a service, as an order reference stands for it. */
    record Order(String serviceCode, String order) {
    }

    private final SimContext ctx;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Map<Long, PhsPaymentNotification> paymentNotifications = new LinkedHashMap<>();
    /** Payguru order code -> the order: payment notifications and looked-up references. */
    private final Map<String, Order> references = new LinkedHashMap<>();
    private final Map<String, PhsTransaction> transactions = new LinkedHashMap<>();
    private final Map<String, PhsRefund> refunds = new LinkedHashMap<>();

    PhsState(SimContext ctx) {
        this.ctx = ctx;
    }

    void reset() {
        synchronized (ctx.lock) {
            tokens.clear();
            paymentNotifications.clear();
            references.clear();
            transactions.clear();
            refunds.clear();
        }
    }

    Optional<NamedService> service(String codeOrName) {
        return ctx.services.find(Line.PHS, codeOrName);
    }

    /** PHS service id for the JSON objects: configured {@code id} if numeric, else its position. */
    long serviceId(String code) {
        Optional<NamedService> s = service(code);
        if (s.isPresent() && s.get().config().id().filter(i -> i.matches("\\d{1,18}")).isPresent()) {
            return Long.parseLong(s.get().config().id().get());
        }
        List<NamedService> all = ctx.services.candidates(Line.PHS, null);
        all.sort(Comparator.comparing(NamedService::payguruId));
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).payguruId().equals(code)) {
                return i + 1L;
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------- tokens

    void addToken(String token, Instant expires) {
        tokens.put(token, expires);
    }

    /** When {@code token} expires (compared in constant time), or null for a token never issued. */
    Instant tokenExpiry(String token) {
        Instant expires = null;
        for (Map.Entry<String, Instant> e : tokens.entrySet()) {
            if (MessageDigest.isEqual(e.getKey().getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8))) {
                expires = e.getValue();
            }
        }
        return expires;
    }

    void expireTokens() {
        tokens.replaceAll((t, exp) -> Instant.EPOCH);
    }

    // ---------------------------------------------------------------- finding

    Optional<PhsTransaction> transaction(String id) {
        synchronized (ctx.lock) {
            return Optional.ofNullable(id == null ? null : transactions.get(id));
        }
    }

    Optional<PhsRefund> refund(String id) {
        synchronized (ctx.lock) {
            return Optional.ofNullable(id == null ? null : refunds.get(id));
        }
    }

    Optional<PhsPaymentNotification> paymentNotification(long id) {
        synchronized (ctx.lock) {
            return Optional.ofNullable(paymentNotifications.get(id));
        }
    }

    Optional<PhsPaymentNotification> paymentNotificationByCode(String code) {
        synchronized (ctx.lock) {
            return paymentNotifications.values().stream().filter(p -> p.code.equals(code)).findFirst();
        }
    }

    List<PhsTransaction> transactions() {
        synchronized (ctx.lock) {
            return List.copyOf(transactions.values());
        }
    }

    List<PhsPaymentNotification> paymentNotifications() {
        synchronized (ctx.lock) {
            return List.copyOf(paymentNotifications.values());
        }
    }

    boolean paymentNotificationExists(String serviceCode, String order) {
        synchronized (ctx.lock) {
            return paymentNotifications.values().stream()
                    .anyMatch(x -> x.serviceCode.equals(serviceCode) && x.order.equals(order));
        }
    }

    /** The order an order code stands for, if Payguru made that code. */
    Optional<Order> reference(String code) {
        synchronized (ctx.lock) {
            return Optional.ofNullable(code == null ? null : references.get(code));
        }
    }

    /** The order code of a merchant order, made on first ask. */
    String referenceOf(String serviceCode, String order) {
        Order wanted = new Order(serviceCode, order);
        synchronized (ctx.lock) {
            return references.entrySet().stream().filter(e -> e.getValue().equals(wanted)).map(Map.Entry::getKey)
                    .findFirst().orElseGet(() -> newReference(serviceCode, order));
        }
    }

    /** The transaction paid in full (3) for an order code, if any. */
    Optional<PhsTransaction> paidTransaction(String code) {
        synchronized (ctx.lock) {
            return transactions.values().stream().filter(t -> t.code.equals(code) && t.status == 3).findFirst();
        }
    }

    // ---------------------------------------------------------------- making (under the lock)

    String newReference(String serviceCode, String order) {
        String code;
        do {
            code = Long.toString(10_000_000L + RANDOM.nextInt(89_999_999));
        } while (references.containsKey(code));
        references.put(code, new Order(serviceCode, order));
        return code;
    }

    PhsPaymentNotification newPaymentNotification(NamedService svc, PhsBank bank, String order, String amount) {
        String code = newReference(svc.payguruId(), order);
        PhsPaymentNotification pn = new PhsPaymentNotification(ctx.ids.incrementAndGet(), code, ctx.config.merchantId(),
                svc.payguruId(), svc.name(), bank, order, amount);
        pn.createTime = ctx.now();
        pn.status = 0;
        paymentNotifications.put(pn.id, pn);
        return pn;
    }

    PhsTransaction newTransaction(NamedService svc, PhsBank bank, String code, String order, String amount) {
        PhsTransaction tx = new PhsTransaction(ctx.nextId(), ctx.config.merchantId(), svc.payguruId(), svc.name(), bank,
                code, order, amount);
        tx.transactionDate = ctx.now().truncatedTo(ChronoUnit.SECONDS);
        tx.createTime = tx.transactionDate;
        tx.status = 1;
        transactions.put(tx.id, tx);
        return tx;
    }

    // ---------------------------------------------------------------- seeding

    /** A PHS transaction as if the transfer had arrived earlier (no callbacks sent). {@code service}: code or local name. */
    PhsTransaction seedTransaction(String service, String order, String amount, int status) {
        NamedService svc = service(service).orElseThrow(() -> new IllegalArgumentException("no PHS service " + service));
        Amount.parse(amount);
        synchronized (ctx.lock) {
            String code = newReference(svc.payguruId(), order);
            PhsTransaction tx = newTransaction(svc, PhsBank.ALL.get("isbank"), code, order, amount);
            tx.status = status;
            return tx;
        }
    }

    /** A PHS refund of a known PHS transaction (refund creation is not documented, so only seeding makes them). */
    PhsRefund seedRefund(String transactionId, int status) {
        synchronized (ctx.lock) {
            PhsTransaction tx = transaction(transactionId).orElseThrow(() -> new IllegalArgumentException("no PHS transaction " + transactionId));
            PhsRefund r = new PhsRefund(ctx.nextId(), tx.merchantId, tx.serviceCode, tx.id, tx.amount, tx.bank);
            r.status = status;
            r.refundContact = "Simulated Customer";
            r.refundIban = "TR330006100519786457841326";
            r.createTime = ctx.now();
            r.updateTime = r.createTime;
            r.refundTime = status == 3 ? r.createTime : null;
            refunds.put(r.id, r);
            return r;
        }
    }
}
