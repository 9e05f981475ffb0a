package io.github.payguru.merchant.mp;

import java.util.Map;

import io.github.payguru.merchant.kernel.Amount;
import io.github.payguru.merchant.kernel.Masking;

/**
 * What is known about one MP transaction at one moment, from a billing notification or from
 * Payguru's API ({@code transaction/detail}, transaction search, reconciliation). Applied with
 * {@link MpTransactions#apply}.
 *
 * @param txId Payguru transaction id (digits)
 * @param service MP service id
 * @param status MP status code as sent (unknown codes too)
 * @param order merchant order reference, or null
 * @param amount the amount as sent, or null when not reported
 * @param operator operator code, or null
 * @param item item as sent, or null
 * @param billingType billing type as sent (values undocumented), or null
 * @param subsId subscription cycle a renewal belongs to, or null
 * @param error error code as sent, or null
 * @param errorDesc error description as sent, or null
 * @param msisdn the MSISDN as Payguru sent it when masked/encrypted by Payguru, a clear number masked
 *        ({@link Masking#storedMsisdn}), or null
 * @param passThrough the merchant's pass-through query parameters, masked (empty when none)
 * @param source where the fact comes from: only {@link Source#PAYGURU_API} confirms a payment
 * @param refcode the reference code (REFKOD) of an SMS purchase that linked it to {@code order}
 *        ({@link MpRefcodeLinks}), or null
 */
public record MpTransactionFact(String txId, String service, String status, String order, Amount amount,
        String operator, String item, String billingType, String subsId, String error, String errorDesc,
        String msisdn, Map<String, String> passThrough, Source source, String refcode) {

    /** A fact not linked through a reference code. */
    public MpTransactionFact(String txId, String service, String status, String order, Amount amount,
            String operator, String item, String billingType, String subsId, String error, String errorDesc,
            String msisdn, Map<String, String> passThrough, Source source) {
        this(txId, service, status, order, amount, operator, item, billingType, subsId, error, errorDesc, msisdn,
                passThrough, source, null);
    }

    /** Whatever the source, what is kept holds no personal data in clear ({@link Masking}). */
    public MpTransactionFact {
        item = Masking.text(item);
        error = Masking.text(error);
        errorDesc = Masking.text(errorDesc);
        billingType = Masking.text(billingType);
        msisdn = Masking.storedMsisdn(msisdn);
        passThrough = passThrough == null ? Map.of() : Masking.params(passThrough);
    }

    public enum Source {
        /** An unsigned notification: a paid status is stored unconfirmed under confirm-before-trust. */
        CALLBACK,
        /** Read from Payguru's API by the merchant (detail, search, reconciliation): trusted. */
        PAYGURU_API
    }

    /** A minimal fact from Payguru's API: enough to move the status and confirm a payment. */
    public static MpTransactionFact fromApi(String txId, String service, String status, Amount amount) {
        return new MpTransactionFact(txId, service, status, null, amount, null, null, null, null, null, null, null,
                Map.of(), Source.PAYGURU_API);
    }
}
