package io.github.payguru.merchant.dev.simulator;

import static io.github.payguru.merchant.dev.simulator.PayguruSimulator.MP_NOT_FOUND;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.payguru.ServiceDirectory.NamedService;

/**
 * What the simulated MP platform holds: transactions, subscription cycles, the SMS exchanged with
 * customers and the payment page sessions; how they are made, found and seeded. Everything but the
 * payment pages changes under {@link SimContext#lock}: the {@code new…} methods and {@link #message}
 * are called with it held.
 */
final class MpState {

    static final String DEFAULT_MSISDN = "905321234567";

    private final SimContext ctx;
    private final Map<String, MpTransaction> transactions = new LinkedHashMap<>();
    private final Map<String, MpSubscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, MpMessage> messages = new LinkedHashMap<>();
    private final Map<String, CheckoutToken> checkoutTokens = new ConcurrentHashMap<>();

    MpState(SimContext ctx) {
        this.ctx = ctx;
    }

    void reset() {
        synchronized (ctx.lock) {
            transactions.clear();
            subscriptions.clear();
            messages.clear();
            checkoutTokens.clear();
        }
    }

    Optional<NamedService> service(String idOrName) {
        return ctx.services.find(Line.MP, idOrName);
    }

    /** A service named by a control call (seeding, SMS purchase): a wrong name is the caller's mistake. */
    NamedService controlService(String idOrName) {
        return service(idOrName).orElseThrow(() -> new IllegalArgumentException("no MP service " + idOrName));
    }

    /** Listed in {@code payguru.simulator.subscription-services} (by id or local name). */
    boolean isSubscriptionService(String serviceId) {
        Optional<NamedService> s = service(serviceId);
        return s.isPresent() && ctx.settings.subscriptionServices.stream()
                .anyMatch(x -> x.equals(s.get().payguruId()) || x.equals(s.get().name()));
    }

    /** MP dates as text ({@code payguru.simulator.mp-text-dates}) rather than epoch milliseconds. */
    boolean textDates() {
        return ctx.settings.mpTextDates;
    }

    // ---------------------------------------------------------------- finding

    Optional<MpTransaction> transaction(String id) {
        synchronized (ctx.lock) {
            return Optional.ofNullable(transactions.get(id));
        }
    }

    Optional<MpSubscription> subscription(String id) {
        synchronized (ctx.lock) {
            return Optional.ofNullable(subscriptions.get(id));
        }
    }

    List<MpTransaction> transactions() {
        synchronized (ctx.lock) {
            return List.copyOf(transactions.values());
        }
    }

    List<MpSubscription> subscriptions() {
        synchronized (ctx.lock) {
            return List.copyOf(subscriptions.values());
        }
    }

    /** A transaction of {@code svc} as the MP API finds it (404 otherwise). */
    MpTransaction transactionOf(NamedService svc, String id) {
        return ownedBy(svc, transaction(id), "transaction " + id);
    }

    /** A subscription of {@code svc} as the MP API finds it (404 otherwise). */
    MpSubscription subscriptionOf(NamedService svc, String id) {
        return ownedBy(svc, subscription(id), "subscription " + id);
    }

    private static <T extends MpObject> T ownedBy(NamedService svc, Optional<T> found, String what) {
        return found.filter(o -> o.service.equals(svc.payguruId()))
                .orElseThrow(() -> new SimulatorError(404, MP_NOT_FOUND, what + " not found"));
    }

    /** Rows for the MP searches ({@code transactions}, {@code subscriptions}, else messages) of one service. */
    List<ObjectNode> rows(String what, NamedService svc) {
        boolean text = textDates();
        String service = svc.payguruId();
        synchronized (ctx.lock) {
            return switch (what) {
                case "transactions" -> transactions.values().stream().filter(t -> t.service.equals(service))
                        .map(t -> t.toJson(text)).toList();
                case "subscriptions" -> subscriptions.values().stream().filter(s -> s.service.equals(service))
                        .map(s -> s.toJson(text)).toList();
                default -> messages.values().stream().filter(m -> m.service.equals(service))
                        .map(m -> m.toJson(text)).toList();
            };
        }
    }

    void addCheckoutToken(CheckoutToken t) {
        checkoutTokens.put(t.token, t);
    }

    Optional<CheckoutToken> checkoutToken(String token) {
        return Optional.ofNullable(checkoutTokens.get(token));
    }

    // ---------------------------------------------------------------- making (under the lock)

    MpTransaction newTransaction(String service, String amount, String item, String referenceCode, String msisdn,
            int operator) {
        MpTransaction tx = new MpTransaction(ctx.nextId(), ctx.config.merchantId(), service);
        tx.amount = amount;
        tx.item = item;
        tx.referenceCode = referenceCode;
        tx.msisdn = msisdn;
        tx.operator = operator;
        tx.transactionDate = ctx.now();
        tx.modifiedDate = tx.transactionDate;
        transactions.put(tx.id, tx);
        return tx;
    }

    /** A new cycle; with its {@code first} transaction (which then belongs to it), else filled in by the caller. */
    MpSubscription newSubscription(String service, MpTransaction first, boolean trial, int trialDays) {
        MpSubscription s = new MpSubscription(ctx.nextId(), ctx.config.merchantId(), service);
        s.period = ctx.settings.subscriptionPeriod;
        s.subscriptionDate = ctx.now();
        s.hasTrialPeriod = trial;
        s.trialPeriodDay = trialDays;
        s.renewalDate = trial ? s.subscriptionDate.plus(trialDays, ChronoUnit.DAYS) : next(s.subscriptionDate, s.period);
        s.modifiedDate = s.subscriptionDate;
        if (first != null) {
            first.subscriptionId = s.id;
            s.subscriptionFee = first.amount;
            s.referenceCode = first.referenceCode;
            s.msisdn = first.msisdn;
            s.operator = first.operator;
            s.lastTransaction = first.id;
            s.lastSuccessfulTransaction = first.status == 3 ? first.id : null;
        }
        subscriptions.put(s.id, s);
        return s;
    }

    /** One SMS on the short code 3544: {@code MO} from the customer or {@code MT} to them. */
    void message(String service, String msisdn, int operator, String direction, String text, String txId,
            String subsId) {
        MpMessage m = new MpMessage(ctx.nextId(), service);
        m.msisdn = msisdn;
        m.operator = operator;
        m.direction = direction;
        m.shortCode = "3544";
        m.text = text;
        m.transactionId = txId;
        m.subscriptionId = subsId;
        m.messageDate = ctx.now();
        messages.put(m.id, m);
    }

    /** The next renewal after {@code from}: a week or a month (30 days). */
    static Instant next(Instant from, String period) {
        return "weekly".equalsIgnoreCase(period) ? from.plus(7, ChronoUnit.DAYS) : from.plus(30, ChronoUnit.DAYS);
    }

    // ---------------------------------------------------------------- seeding

    /** A transaction as if paid earlier (no callbacks sent). {@code service}: MP service id or local name. */
    MpTransaction seedTransaction(String service, int status, String amount, String referenceCode) {
        NamedService svc = controlService(service);
        Amount.parse(amount);
        synchronized (ctx.lock) {
            MpTransaction tx = newTransaction(svc.payguruId(), amount, "seeded item", referenceCode, DEFAULT_MSISDN, 1);
            tx.status = status;
            tx.billingType = "onetime";
            if (status == 4) {
                tx.chargeRefused();
            }
            return tx;
        }
    }

    /** A subscription cycle as if started earlier (no callbacks sent), with its first paid transaction. */
    MpSubscription seedSubscription(String service, String status, String fee, String referenceCode) {
        NamedService svc = controlService(service);
        Amount.parse(fee);
        synchronized (ctx.lock) {
            MpTransaction tx = newTransaction(svc.payguruId(), fee, "subscription", referenceCode, DEFAULT_MSISDN, 1);
            tx.status = 3;
            tx.billingType = "subscription";
            MpSubscription s = newSubscription(svc.payguruId(), tx, false, 0);
            s.status = status;
            if ("cancelled".equals(status)) {
                s.cancellationDate = ctx.now();
                s.cancellationSource = "merchant";
            }
            return s;
        }
    }
}
