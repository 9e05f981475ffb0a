package io.github.payguru.merchant.dev.simulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.payguru.merchant.payguru.ServiceDirectory.NamedService;

/**
 * The objects of the simulated platform as tests and the local run handle them: seeded as if made
 * earlier, moved on by the platform's own events (a renewal, a held refund completing, an SMS
 * purchase), and read. The half of {@link PayguruSimulator}'s public methods that is about objects;
 * its own are the controls (knobs, faults, clock, deliveries).
 */
abstract class PlatformObjects {

    abstract MpPlatform mp();

    abstract PhsPlatform phs();

    /** An MP transaction as if paid earlier (no callbacks sent). {@code service}: MP service id or local name. */
    public MpTransaction seedMpTransaction(String service, int status, String amount, String referenceCode) {
        return mp().state().seedTransaction(service, status, amount, referenceCode);
    }

    /** A subscription cycle as if started earlier (no callbacks sent), with its first paid transaction. */
    public MpSubscription seedSubscription(String service, String status, String fee, String referenceCode) {
        return mp().state().seedSubscription(service, status, fee, referenceCode);
    }

    /** A PHS transaction as if the transfer had arrived earlier (no callbacks sent). {@code service}: code or local name. */
    public PhsTransaction seedPhsTransaction(String service, String order, String amount, int status) {
        return phs().state().seedTransaction(service, order, amount, status);
    }

    /** A PHS refund of a known PHS transaction (refund creation is not documented, so only seeding makes them). */
    public PhsRefund seedPhsRefund(String transactionId, int status) {
        return phs().state().seedRefund(transactionId, status);
    }

    /** A renewal charge of a subscription: billing 1 then 3 (paid) or 4, and the subscription notification. */
    public MpTransaction renewSubscription(String subscriptionId, boolean paid) {
        return mp().api().renewSubscription(subscriptionId, paid);
    }

    /** Finishes a refund held at 7 ({@code payguru.simulator.refund-completes=false}): 7 -> 6 and its notification. */
    public MpTransaction completeRefund(String id) {
        return mp().api().completeRefund(id);
    }

    /** An SMS-initiated payment (src/site/markdown/payguru-api.md §1.4): keyword and REFKOD to 3544, EVET or no answer. */
    public MpTransaction smsPurchase(String service, String price, String keyword, String referenceCode, String msisdn,
            boolean confirmed) {
        return mp().payments().smsPurchase(service, price, keyword, referenceCode, msisdn, confirmed);
    }

    public Optional<MpTransaction> mpTransaction(String id) {
        return mp().state().transaction(id);
    }

    public Optional<MpSubscription> subscription(String id) {
        return mp().state().subscription(id);
    }

    public List<MpTransaction> mpTransactions() {
        return mp().state().transactions();
    }

    public List<MpSubscription> subscriptions() {
        return mp().state().subscriptions();
    }

    public Optional<PhsTransaction> phsTransaction(String id) {
        return phs().state().transaction(id);
    }

    public Optional<PhsPaymentNotification> paymentNotificationByCode(String code) {
        return phs().state().paymentNotificationByCode(code);
    }

    public List<PhsTransaction> phsTransactions() {
        return phs().state().transactions();
    }

    public List<PhsPaymentNotification> paymentNotifications() {
        return phs().state().paymentNotifications();
    }

    /** The signed PHS notify parameters of a transaction, as Payguru sends them (src/site/markdown/payguru-api.md §1.5). */
    public Map<String, String> notifyParams(NamedService service, PhsTransaction tx) {
        return phs().callbacks().notifyParams(service, tx);
    }
}
