package io.github.payguru.merchant.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size of an item as DynamoDB counts it toward its 400 KB limit: attribute names and values in UTF-8, numbers
 * by their digits, 1 byte per boolean, 3 bytes per map or list plus 1 per element.
 */
public final class ItemSize {

    /** README "Trust model": what no sequence of replays can grow an MP item beyond. */
    public static final long DOCUMENTED_BOUND = 40_000;

    private ItemSize() {
    }

    public static long bytes(Map<String, AttributeValue> item) {
        long n = 0;
        for (var e : item.entrySet()) {
            n += utf8(e.getKey()) + value(e.getValue());
        }
        return n;
    }

    static long value(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return number(v.n());
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(ItemSize::utf8).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToLong(ItemSize::number).sum();
        }
        if (v.hasM()) {
            return 3 + v.m().size() + bytes(v.m());
        }
        if (v.hasL()) {
            return 3 + v.l().size() + v.l().stream().mapToLong(ItemSize::value).sum();
        }
        return v.b() == null ? 0 : v.b().asByteArray().length;
    }

    private static long number(String n) {
        return (n.replaceAll("[^0-9]", "").length() + 1) / 2 + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
