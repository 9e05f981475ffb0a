package io.github.payguru.merchant.kernel;

import java.util.Map;
import java.util.TreeMap;

/**
 * Identity of a notification: a fingerprint of its canonical (name-sorted) parameters, optionally only of the
 * parameters Payguru documents (so an undocumented extra parameter, e.g. replayed junk or the merchant's own
 * pass-through, cannot make the same notification look new).
 */
public final class NotificationIds {

    private NotificationIds() {
    }

    /** The fingerprint of the parameters named in {@code names} only (all of them when {@code names} is null). */
    public static String of(String kind, Map<String, String> params, java.util.Set<String> names) {
        if (names == null) {
            return of(kind, params);
        }
        Map<String, String> documented = new TreeMap<>();
        params.forEach((k, v) -> {
            if (names.contains(k)) {
                documented.put(k, v);
            }
        });
        return of(kind, documented);
    }

    public static String of(String kind, Map<String, String> params) {
        StringBuilder canonical = new StringBuilder(kind);
        new TreeMap<>(params).forEach((k, v) -> canonical.append('\n').append(k).append('=').append(v));
        return Digests.fingerprint(canonical.toString());
    }
}
