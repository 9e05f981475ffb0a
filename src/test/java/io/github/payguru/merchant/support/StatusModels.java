package io.github.payguru.merchant.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Small reference models of the three status vocabularies, written from the documentation (src/site/markdown/payguru-api.md §1.1,
 * §1.2, §1.5) and independently of the production tables: what the final stored state must be after any
 * ordering of documented and undocumented statuses, duplicates included.
 * <ul>
 * <li>PHS: the documented statuses form one line 1 → 2 → 5 → 8 → 3 → 6; the furthest one received wins; under
 * confirm before trust it stays open (a claim) until Payguru's transaction/get shows it.</li>
 * <li>MP billing: the first status that is not "waiting" picks the branch: a failure ends it; otherwise the
 * furthest of paid → refund in progress → refunded received wins.</li>
 * <li>MP subscription: the documented status with the highest (txId, rank) wins, the first to arrive on a tie.</li>
 * <li>Undocumented statuses never change the status: they are counted (each distinct notification once) and
 * collected; the flag {@code statusKnown} and {@code open-items} membership follow the last write that applied.</li>
 * </ul>
 */
public final class StatusModels {

    /** One notification: its status, a variant (another notification with the same status) and, for subscriptions, its txId. */
    public record Ev(String status, int variant, long txId) {
        public Ev(String status, int variant) {
            this(status, variant, 0);
        }
    }

    /** The expected stored state; {@code status} null when no documented status arrived. */
    public record Expected(String status, Ev by, Set<String> unknownStatuses, long unknownCount, Boolean statusKnown,
            boolean open) {
    }

    public static final List<String> PHS_LINE = List.of("1", "2", "5", "8", "3", "6");
    public static final Set<String> PHS_TERMINAL = Set.of("3", "6");

    public static final Set<String> MP_FAILURES = Set.of("4", "5", "8", "9", "-18", "-5", "-8");
    public static final List<String> MP_PAID_LINE = List.of("3", "7", "6");
    /** Open while waiting, refund in progress, or paid but not yet confirmed (callbacks, confirm-before-trust). */
    public static final Set<String> MP_OPEN = Set.of("1", "3", "7");

    public static final Map<String, Integer> SUB_RANK = Map.of("unknown", 1, "active", 2, "retry", 2, "rejected", 2,
            "suspend", 3, "cancelled", 4);
    public static final Set<String> SUB_ENDED = Set.of("cancelled", "suspend", "rejected");

    public static final List<String> PHS_UNDOCUMENTED = List.of("0", "4", "7", "9", "42", "-1");
    public static final List<String> MP_DOCUMENTED = List.of("1", "3", "7", "6", "4", "5", "8", "9", "-18", "-5", "-8");
    public static final List<String> MP_UNDOCUMENTED = List.of("0", "2", "10", "42", "-1", "-99");
    public static final List<String> SUB_DOCUMENTED = List.of("unknown", "active", "retry", "cancelled", "suspend",
            "rejected");
    public static final List<String> SUB_UNDOCUMENTED = List.of("paused", "frozen", "ACTIVE", "pending");

    private StatusModels() {
    }

    /** Up to 12 notifications, documented ones three times as likely, each possibly repeated verbatim. */
    public static Arbitrary<List<Ev>> events(List<String> documented, List<String> undocumented, boolean withTxId) {
        Arbitrary<String> status = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(documented)),
                Tuple.of(1, Arbitraries.of(undocumented)));
        Arbitrary<Ev> ev = Combinators.combine(status, Arbitraries.integers().between(0, 1),
                withTxId ? Arbitraries.longs().between(1, 5) : Arbitraries.just(0L)).as(Ev::new);
        return ev.list().ofMinSize(1).ofMaxSize(12).flatMap(list -> Arbitraries.integers().between(0, list.size())
                .flatMap(dups -> Arbitraries.of(list).list().ofSize(dups)
                        .map(extra -> {
                            java.util.List<Ev> all = new java.util.ArrayList<>(list);
                            all.addAll(extra);
                            return all;
                        }))
                .flatMap(all -> Arbitraries.shuffle(all)));
    }


    /** Through notifies alone every PHS item stays open: a notify's status is a claim until transaction/get shows it. */
    public static Expected phs(List<Ev> events) {
        return run(events, PHS_LINE::contains, StatusModels::phsFinal, s -> true);
    }

    public static Expected mp(List<Ev> events) {
        // a callback is a claim: every status stays open until Payguru's API confirms it
        return run(events, s -> s.equals("1") || MP_FAILURES.contains(s) || MP_PAID_LINE.contains(s),
                StatusModels::mpFinal, s -> true);
    }

    public static Expected subscription(List<Ev> events) {
        // a callback is a claim: an ended cycle stays open until Payguru's API confirms it
        return run(events, SUB_RANK::containsKey, StatusModels::subscriptionFinal, s -> true);
    }

    /** The final documented event of PHS: the furthest on the line. */
    static Ev phsFinal(List<Ev> documented) {
        return documented.stream().max(Comparator.comparingInt(e -> PHS_LINE.indexOf(e.status())))
                .map(e -> firstWith(documented, e.status())).orElse(null);
    }

    /** MP precedence among unconfirmed claims (MpStatus#rank): waiting, the failures, paid, refund in progress, refunded. */
    public static final List<String> MP_PRECEDENCE = List.of("1", "9", "5", "8", "-18", "4", "-5", "-8", "3", "7", "6");

    /** Every callback is an unconfirmed claim: the highest-ranked claim wins, whatever the order. */
    static Ev mpFinal(List<Ev> documented) {
        return documented.stream().max(Comparator.comparingInt(e -> MP_PRECEDENCE.indexOf(e.status())))
                .map(e -> firstWith(documented, e.status())).orElse(null);
    }

    static Ev subscriptionFinal(List<Ev> documented) {
        Ev best = null;
        for (Ev e : documented) {
            if (best == null || e.txId() > best.txId()
                    || e.txId() == best.txId() && SUB_RANK.get(e.status()) > SUB_RANK.get(best.status())) {
                best = e;
            }
        }
        return best;
    }

    private static Ev firstWith(List<Ev> documented, String status) {
        return documented.stream().filter(e -> e.status().equals(status)).findFirst().orElseThrow();
    }

    private static Expected run(List<Ev> events, java.util.function.Predicate<String> documented,
            java.util.function.Function<List<Ev>, Ev> finalOf, java.util.function.Predicate<String> openWhile) {
        Set<Ev> seen = new LinkedHashSet<>();
        List<Ev> docs = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        long count = 0;
        Boolean known = null;
        boolean open = false;
        Ev current = null;
        for (Ev e : events) {
            if (!seen.add(e)) {
                continue; // the same notification again: a duplicate changes nothing
            }
            if (!documented.test(e.status())) {
                unknown.add(e.status());
                count++;
                known = false;
                open = true;
                continue;
            }
            docs.add(e);
            Ev next = finalOf.apply(docs);
            if (next != current) {
                current = next;
                known = true;
                open = openWhile.test(current.status());
            }
        }
        return new Expected(current == null ? null : current.status(), current, unknown, count, known, open);
    }
}
