package io.github.payguru.merchant.events;

import io.github.payguru.merchant.kernel.Line;
import io.github.payguru.merchant.kernel.StatusMachine;
import io.github.payguru.merchant.mp.MpStatus;
import io.github.payguru.merchant.mp.MpSubscriptionStatus;
import io.github.payguru.merchant.phs.PhsStatus;

/**
 * Our names of Payguru's status codes, as the change events carry them beside the code
 * (src/site/markdown/payguru-api.md §1.1, §1.2 and the PHS status table). A code this version does not know
 * has no name ({@code null}); it is never an item's {@code status} anyway
 * (src/site/markdown/callbacks-and-operations.md "Undocumented statuses").
 */
final class StatusNames {

    private StatusNames() {
    }

    static String name(StateImage.Kind kind, String line, String code) {
        if (code == null) {
            return null;
        }
        return switch (kind) {
            case ORDER -> StatusMachine.CREATED.equals(code) ? "created" : null;
            case SUBSCRIPTION -> MpSubscriptionStatus.known(code) ? code : null;
            case TRANSACTION -> Line.PHS.name().equals(line) ? PhsStatus.name(code) : MpStatus.name(code);
        };
    }

    /** The money has arrived: MP 3 (paid), PHS 3 (success). */
    static boolean paid(StateImage s) {
        return s != null && s.kind() == StateImage.Kind.TRANSACTION
                && (Line.PHS.name().equals(s.line()) ? PhsStatus.paid(s.status()) : MpStatus.paid(s.status()));
    }

    /** Paid back: MP 6 (refunded), PHS 6 (refund) as Payguru's API showed it ({@link #confirmedPhs}). */
    static boolean refunded(StateImage s) {
        if (s == null || s.kind() != StateImage.Kind.TRANSACTION) {
            return false;
        }
        return Line.PHS.name().equals(s.line()) ? PhsStatus.REFUND.equals(confirmedPhs(s))
                : MpStatus.REFUNDED.equals(s.status());
    }

    /**
     * The PHS status Payguru's API last showed: {@code confirmedStatus}, kept while a notify's claim sits in
     * {@code status}, so replacing a replayed claim by the truth (confirmed 3, a replayed 6, 3 again) publishes no
     * second {@code paid}; on an item from before PHS claims, its status unless stored {@code confirmed=false}.
     */
    private static String confirmedPhs(StateImage s) {
        if (s.confirmedStatus() != null) {
            return s.confirmedStatus();
        }
        return Boolean.FALSE.equals(s.confirmed()) ? null : s.status();
    }

    /**
     * Paid and not waiting for confirmation (confirm-before-trust, MP and PHS alike: {@code confirmed=false} is a
     * callback's claim): the goods may be delivered. The rule of {@code PhsTransactions.fulfillable} and
     * {@code MpTransactions.fulfillable}, read from a stream image.
     */
    static boolean fulfillable(StateImage s) {
        if (s != null && s.kind() == StateImage.Kind.TRANSACTION && Line.PHS.name().equals(s.line())) {
            return PhsStatus.paid(confirmedPhs(s));
        }
        return paid(s) && !Boolean.FALSE.equals(s.confirmed());
    }
}
