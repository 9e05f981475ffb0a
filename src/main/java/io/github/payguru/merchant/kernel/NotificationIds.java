package io.github.payguru.merchant.kernel;

import java.util.Map;
import java.util.TreeMap;

/** Identity of a notification: a fingerprint of its canonical (name-sorted) parameters. */
public final class NotificationIds {

    private NotificationIds() {
    }

    public static String of(String kind, Map<String, String> params) {
        StringBuilder canonical = new StringBuilder(kind);
        new TreeMap<>(params).forEach((k, v) -> canonical.append('\n').append(k).append('=').append(v));
        return PayguruKeys.fingerprint(canonical.toString());
    }
}
