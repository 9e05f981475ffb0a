package io.github.payguru.merchant.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Looks for what must never be kept or logged: the configured secrets and personal data planted by a
 * test (anywhere, case-insensitive), and unmasked TCKN (valid checksum), TR IBAN, e-mail and Turkish
 * mobile shapes. Its patterns are written independently of production's masking code on purpose.
 * Identifier attributes (keys, txId, subsId, order reference) are match keys, validated and chosen by
 * Payguru or the merchant: they are scanned for secrets and planted values, not for shapes.
 */
public final class LeakScan {

    /** One finding: where (item key and attribute, or log line) and what. */
    public record Hit(String where, String what) {
    }

    public static final Set<String> IDENTIFIERS = Set.of("pk", "sk", "gsi1pk", "gsi1sk", "openpk", "opensk", "txId",
            "subsId", "orderRef", "verificationTxId", "lastNotification", "service", "payguruCode");

    static final Pattern ELEVEN = Pattern.compile("(?<![0-9A-Za-z])[1-9][0-9]{10}(?![0-9A-Za-z])");
    static final Pattern TR_IBAN = Pattern.compile("(?i)TR[0-9]{2}(?:[ ]?[0-9]){22}");
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    static final Pattern MOBILE = Pattern.compile(
            "(?<![0-9A-Za-z])(?:\\+?90|0)?[ -]?\\(?5[0-9]{2}\\)?[ -]?[0-9]{3}[ -]?[0-9]{2}[ -]?[0-9]{2}(?![0-9A-Za-z])");

    private final List<String> secrets;
    private final List<String> planted;

    public LeakScan(List<String> secrets, List<String> planted) {
        this.secrets = secrets.stream().filter(s -> s != null && !s.isBlank()).map(s -> s.toLowerCase(Locale.ROOT)).toList();
        this.planted = planted.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /** Every finding in one text. */
    public List<Hit> text(String where, String text, boolean shapes) {
        List<Hit> hits = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        secrets.stream().filter(lower::contains).forEach(s -> hits.add(new Hit(where, "configured secret")));
        planted.stream().filter(lower::contains).forEach(p -> hits.add(new Hit(where, "planted value " + p)));
        if (shapes) {
            Matcher m = ELEVEN.matcher(text);
            while (m.find()) {
                if (validTckn(m.group())) {
                    hits.add(new Hit(where, "TCKN " + m.group()));
                }
            }
            for (Pattern p : List.of(TR_IBAN, EMAIL, MOBILE)) {
                Matcher x = p.matcher(text);
                while (x.find()) {
                    hits.add(new Hit(where, p == TR_IBAN ? "IBAN" : p == EMAIL ? "e-mail" : "mobile " + x.group()));
                }
            }
        }
        return hits;
    }

    /** Scans every item of the table (all pages), every attribute, map keys included. Returns the hits and counts items. */
    public List<Hit> table(DynamoDbClient dynamo, String table, int[] itemCount) {
        List<Hit> hits = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = dynamo.scan(ScanRequest.builder().tableName(table).exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : page.items()) {
                itemCount[0]++;
                String id = item.get("pk").s() + " " + item.get("sk").s();
                item.forEach((name, value) -> hits.addAll(
                        text(id + " " + name, name + "=" + render(value), !IDENTIFIERS.contains(name))));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return hits;
    }

    /** Log lines: every one is scanned for secrets, planted values and shapes. */
    public List<Hit> logs(List<String> lines) {
        List<Hit> hits = new ArrayList<>();
        for (String line : lines) {
            hits.addAll(text("log: " + line, line, true));
        }
        return hits;
    }

    static String render(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            return v.n();
        }
        if (v.hasM()) {
            StringBuilder b = new StringBuilder("{");
            v.m().forEach((k, x) -> b.append(k).append('=').append(render(x)).append(", "));
            return b.append('}').toString();
        }
        if (v.hasL()) {
            StringBuilder b = new StringBuilder("[");
            v.l().forEach(x -> b.append(render(x)).append(", "));
            return b.append(']').toString();
        }
        if (v.hasSs()) {
            return String.join(", ", v.ss());
        }
        if (v.hasNs()) {
            return String.join(", ", v.ns());
        }
        return String.valueOf(v.bool());
    }

    /** The official TCKN check (written here again, independently of production code). */
    public static boolean validTckn(String v) {
        int[] d = v.chars().map(c -> c - '0').toArray();
        if (d.length != 11 || d[0] == 0) {
            return false;
        }
        int d10 = Math.floorMod((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7]), 10);
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += d[i];
        }
        return d[9] == d10 && d[10] == sum % 10;
    }
}
