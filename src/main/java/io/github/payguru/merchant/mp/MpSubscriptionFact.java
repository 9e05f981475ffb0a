package io.github.payguru.merchant.mp;

import java.util.Map;

import io.github.payguru.merchant.kernel.Masking;

/**
 * What is known about one MP subscription cycle ({@code subsId}) as of Payguru transaction {@code txId},
 * from a subscription notification or from Payguru's subscription detail/search. Applied with
 * {@link MpSubscriptions#apply}.
 *
 * @param subsId the cycle's id (a cancel and restart gets a new one)
 * @param txId the Payguru transaction the status refers to: what orders the facts
 * @param service MP service id
 * @param status status string as sent (unknown strings too)
 * @param order merchant order reference, or null
 * @param operator operator code, or null
 * @param billingType as sent, or null
 * @param msisdn as Payguru sent it when masked/encrypted, a clear number masked, or null
 * @param passThrough the merchant's pass-through query parameters, masked (empty when none)
 * @param refcode the reference code (REFKOD) of an SMS purchase that linked the cycle to {@code order}
 *        ({@link MpRefcodeLinks}), or null
 */
public record MpSubscriptionFact(String subsId, String txId, String service, String status, String order,
        String operator, String billingType, String msisdn, Map<String, String> passThrough, String refcode) {

    /** A fact not linked through a reference code. */
    public MpSubscriptionFact(String subsId, String txId, String service, String status, String order,
            String operator, String billingType, String msisdn, Map<String, String> passThrough) {
        this(subsId, txId, service, status, order, operator, billingType, msisdn, passThrough, null);
    }

    /** Whatever the source, what is kept holds no personal data in clear ({@link Masking}). */
    public MpSubscriptionFact {
        billingType = Masking.text(billingType);
        msisdn = Masking.storedMsisdn(msisdn);
        passThrough = passThrough == null ? Map.of() : Masking.params(passThrough);
    }
}
