package io.github.payguru.merchant.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;

import io.github.payguru.merchant.mp.MpStatus;
import io.github.payguru.merchant.mp.MpSubscriptionStatus;
import io.github.payguru.merchant.phs.PhsStatus;
import io.github.payguru.merchant.support.StatusModels;
import io.github.payguru.merchant.support.StatusModels.Ev;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The status tables as the DynamoDB condition applies them ({@link StatusMachine#allowedFrom}, subscriptions by
 * {@link MpSubscriptionStatus#sequence}) against the reference models of {@link StatusModels}: any ordering of
 * documented and undocumented statuses, duplicates included, ends in the state the model says. The same models
 * are checked through the real callbacks and DynamoDB in {@code callback.StatusOrderingTest}.
 */
class StatusMachinePropertiesTest {

    @Property(tries = 2000)
    void phsEndsWhereTheModelSays(@ForAll("phsEvents") List<Ev> events) {
        assertEquals(StatusModels.phs(events).status(), applyTable(PhsStatus.INSTANCE, events), events.toString());
    }

    @Property(tries = 2000)
    void mpBillingEndsWhereTheModelSays(@ForAll("mpEvents") List<Ev> events) {
        assertEquals(StatusModels.mp(events).status(), applyTable(MpStatus.INSTANCE, events), events.toString());
    }

    @Property(tries = 2000)
    void mpSubscriptionEndsWhereTheModelSays(@ForAll("subscriptionEvents") List<Ev> events) {
        BigInteger stored = null;
        String status = null;
        for (Ev e : new LinkedHashSet<>(events)) {
            if (!MpSubscriptionStatus.known(e.status())) {
                continue; // kept beside the state, outside the txId order
            }
            BigInteger seq = new BigInteger(MpSubscriptionStatus.sequence(Long.toString(e.txId()), e.status()));
            if (stored == null || seq.compareTo(stored) > 0) {
                stored = seq;
                status = e.status();
            }
        }
        assertEquals(StatusModels.subscription(events).status(), status, events.toString());
    }

    @Property(tries = 500)
    void undocumentedStatusesNeverMoveTheState(@ForAll("phsEvents") List<Ev> events) {
        List<Ev> documentedOnly = events.stream().filter(e -> StatusModels.PHS_LINE.contains(e.status())).toList();
        assertEquals(applyTable(PhsStatus.INSTANCE, documentedOnly), applyTable(PhsStatus.INSTANCE, events));
    }

    /**
     * What the condition expression does with callbacks (all unconfirmed claims): apply when the stored status is one
     * the new claim may replace (the allowed-from set, and lower-ranked claims).
     */
    static String applyTable(StatusMachine machine, List<Ev> events) {
        String stored = StatusMachine.NONE;
        for (Ev e : new LinkedHashSet<>(events)) {
            if (machine.known(e.status()) && machine.claimMayReplace(e.status()).contains(stored)) {
                stored = e.status();
            }
        }
        return stored.equals(StatusMachine.NONE) ? null : stored;
    }

    @Property(tries = 1000)
    void mpClaimsEndInTheSameStateInAnyOrder(@ForAll("mpEvents") List<Ev> events,
            @ForAll java.util.Random random) {
        assertSameStateInAnyOrder(MpStatus.INSTANCE, events, random);
    }

    @Property(tries = 1000)
    void phsClaimsEndInTheSameStateInAnyOrder(@ForAll("phsEvents") List<Ev> events,
            @ForAll java.util.Random random) {
        assertSameStateInAnyOrder(PhsStatus.INSTANCE, events, random);
    }

    private static void assertSameStateInAnyOrder(StatusMachine machine, List<Ev> events, java.util.Random random) {
        List<Ev> shuffled = new java.util.ArrayList<>(events);
        java.util.Collections.shuffle(shuffled, random);
        assertEquals(applyTable(machine, events), applyTable(machine, shuffled), events + " then " + shuffled);
    }

    @Property(tries = 50)
    void everyMpTransitionGoesUpInRank(@ForAll("mpStatus") String status) {
        assertEveryStepGoesUp(MpStatus.INSTANCE, status);
    }

    @Property(tries = 20)
    void everyPhsTransitionGoesUpInRank(@ForAll("phsStatus") String status) {
        assertEveryStepGoesUp(PhsStatus.INSTANCE, status);
    }

    /** The kernel's rule needs it: ranks agree with the forward order, so claims and facts never disagree on "up". */
    private static void assertEveryStepGoesUp(StatusMachine machine, String status) {
        for (String from : machine.allowedFrom(status)) {
            assertEquals(true, machine.rank(from) < machine.rank(status), from + " -> " + status);
        }
        assertEquals(machine.documented().size(), machine.documented().stream().mapToInt(machine::rank).distinct()
                .filter(r -> r > 0).count(), "every documented status has a rank of its own");
    }

    @Provide
    Arbitrary<String> phsStatus() {
        return net.jqwik.api.Arbitraries.of(PhsStatus.INSTANCE.documented());
    }

    @Provide
    Arbitrary<String> mpStatus() {
        return net.jqwik.api.Arbitraries.of(StatusModels.MP_DOCUMENTED);
    }

    @Provide
    Arbitrary<List<Ev>> phsEvents() {
        return StatusModels.events(StatusModels.PHS_LINE, StatusModels.PHS_UNDOCUMENTED, false);
    }

    @Provide
    Arbitrary<List<Ev>> mpEvents() {
        return StatusModels.events(StatusModels.MP_DOCUMENTED, StatusModels.MP_UNDOCUMENTED, false);
    }

    @Provide
    Arbitrary<List<Ev>> subscriptionEvents() {
        return StatusModels.events(StatusModels.SUB_DOCUMENTED, StatusModels.SUB_UNDOCUMENTED, true);
    }

}
