package io.github.payguru.merchant.events;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Reads DynamoDB stream records: the Lambda event of a DynamoDB event source mapping, read as plain maps (no
 * event classes, nothing to register for reflection in a native image), and the SDK's {@link Record}s of
 * {@code GetRecords} (the local poller).
 */
public final class StreamRecords {

    private StreamRecords() {
    }

    /** {@code {"Records":[{"eventName":…,"dynamodb":{"SequenceNumber":…,"OldImage":…,"NewImage":…}}]}}. */
    public static List<ChangeRecord> fromLambdaEvent(Map<String, Object> event) {
        List<ChangeRecord> out = new ArrayList<>();
        Object records = event == null ? null : event.get("Records");
        if (!(records instanceof List<?> list)) {
            return out;
        }
        for (Object r : list) {
            Map<String, Object> record = map(r);
            Map<String, Object> dynamodb = map(record.get("dynamodb"));
            out.add(new ChangeRecord(str(dynamodb.get("SequenceNumber")), str(record.get("eventName")),
                    image(dynamodb.get("OldImage")), image(dynamodb.get("NewImage"))));
        }
        return out;
    }

    public static ChangeRecord fromSdk(Record r) {
        var d = r.dynamodb();
        return new ChangeRecord(d.sequenceNumber(), r.eventNameAsString(), d.hasOldImage() ? d.oldImage() : null,
                d.hasNewImage() ? d.newImage() : null);
    }

    static Map<String, AttributeValue> image(Object json) {
        if (json == null) {
            return null;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        map(json).forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    /** One attribute in DynamoDB's JSON form ({@code {"S":"…"}}, {@code {"N":"…"}}, {@code {"M":{…}}}, …). */
    static AttributeValue value(Object json) {
        Map<String, Object> v = map(json);
        if (v.size() != 1) {
            throw new IllegalArgumentException("not a DynamoDB attribute value: " + v.keySet());
        }
        var e = v.entrySet().iterator().next();
        Object x = e.getValue();
        return switch (e.getKey()) {
            case "S" -> AttributeValue.fromS(str(x));
            case "N" -> AttributeValue.fromN(str(x));
            case "BOOL" -> AttributeValue.fromBool(Boolean.valueOf(str(x)));
            case "NULL" -> AttributeValue.fromNul(Boolean.TRUE);
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(str(x))));
            case "SS" -> AttributeValue.fromSs(strings(x));
            case "NS" -> AttributeValue.fromNs(strings(x));
            case "BS" -> AttributeValue.fromBs(strings(x).stream()
                    .map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b))).toList());
            case "M" -> AttributeValue.fromM(image(x));
            case "L" -> AttributeValue.fromL(list(x).stream().map(StreamRecords::value).toList());
            default -> throw new IllegalArgumentException("unknown DynamoDB attribute type: " + e.getKey());
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        if (o == null) {
            return Map.of();
        }
        throw new IllegalArgumentException("expected an object, got " + o.getClass().getSimpleName());
    }

    private static List<?> list(Object o) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("expected a list");
    }

    private static List<String> strings(Object o) {
        return list(o).stream().map(StreamRecords::str).toList();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
