package io.github.payguru.merchant.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The derivation and the publisher on the fixtures of {@code infra/events/event-publisher/} (DynamoDB stream
 * events as Lambda receives them, named by what they hold and how many events they publish), with a sink that
 * keeps what it is given or refuses chosen entries.
 */
class EventDerivationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIR = Path.of("infra", "events", "event-publisher");

    /** Accepts every event except the ones whose eventId it is told to refuse. */
    static final class Sink implements EventSink {
        final List<ChangeEvent> put = new ArrayList<>();
        final List<String> refuse = new ArrayList<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public List<String> put(List<ChangeEvent> events) {
            calls.incrementAndGet();
            assertTrue(events.size() <= MAX_ENTRIES);
            List<String> out = new ArrayList<>();
            for (ChangeEvent e : events) {
                boolean refused = refuse.contains(e.eventId());
                out.add(refused ? "InternalFailure" : null);
                if (!refused) {
                    put.add(e);
                }
            }
            return out;
        }
    }

    @SuppressWarnings("unchecked")
    static List<ChangeRecord> fixture(String name) throws IOException {
        return StreamRecords.fromLambdaEvent(JSON.readValue(DIR.resolve(name + ".json").toFile(), Map.class));
    }

    static StreamPublisher.Outcome publish(String name, Sink sink) throws IOException {
        return new StreamPublisher(sink).publish(fixture(name));
    }

    static int expectedCount(String fileName) {
        if (fileName.endsWith("-publishes-none.json")) {
            return 0;
        }
        if (fileName.endsWith("-publishes-one.json")) {
            return 1;
        }
        if (fileName.endsWith("-publishes-three.json")) {
            return 3;
        }
        throw new IllegalStateException("a fixture's name ends with what it publishes: " + fileName);
    }

    @Test
    void everyFixturePublishesWhatItsNameSaysAndEachEventFollowsTheSchema() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 10, files::toString);
        for (Path f : files) {
            Sink sink = new Sink();
            String name = f.getFileName().toString().replace(".json", "");
            StreamPublisher.Outcome out = publish(name, sink);
            assertEquals(List.of(), out.failed(), name);
            assertEquals(expectedCount(f.getFileName().toString()), out.published().size(), name);
            assertEquals(out.published(), sink.put, name);
            out.published().forEach(ChangeEventSchema::check);
        }
    }

    @Test
    void freshPhsPaymentIsOneTransactionEventThatPaysTheOrder() throws IOException {
        ChangeEvent e = publish("insert-phs-paid-publishes-one", new Sink()).published().get(0);
        assertEquals(EventDerivation.TRANSACTION, e.detailType());
        assertEquals("status", e.text("change"));
        assertEquals("PHS", e.text("line"));
        assertEquals("7000555", e.text("txId"));
        assertEquals("ORD-555", e.text("orderRef"));
        assertTrue(e.detail().get("previousStatus").isNull());
        assertEquals("3", e.detail().path("status").path("code").asText());
        assertEquals("success", e.detail().path("status").path("name").asText());
        assertTrue(e.detail().get("paid").asBoolean());
        assertTrue(e.detail().get("confirmed").asBoolean(), "an image without confirmed (stored before PHS claims) counts as confirmed");
        assertEquals("10.00", e.text("amount"));
        assertEquals("paid", e.text("orderChange"));
        assertEquals("callback", e.text("cause"));
        assertEquals(1, e.sequence());
        assertEquals("2026-11-22T10:00:01Z", e.text("occurredAt"));
    }

    @Test
    void motosKeysOnlyInsertPublishesNothingAndTheSameChangeHasTheSameId() throws IOException {
        ChangeEvent once = publish("insert-phs-paid-publishes-one", new Sink()).published().get(0);
        ChangeEvent moto = publish("insert-phs-paid-moto-double-insert-publishes-one", new Sink()).published().get(0);
        assertEquals(once.eventId(), moto.eventId(), "DynamoDB's one INSERT and moto's two give the same event");
        assertEquals(once.detail(), moto.detail());
    }

    @Test
    void redeliveredRecordsGiveTheSameEventIds() throws IOException {
        List<ChangeEvent> first = publish("batch-mixed-publishes-three", new Sink()).published();
        List<ChangeEvent> again = publish("batch-mixed-publishes-three", new Sink()).published();
        assertEquals(first.stream().map(ChangeEvent::eventId).toList(), again.stream().map(ChangeEvent::eventId).toList());
        assertEquals(3, first.stream().map(ChangeEvent::eventId).distinct().count());
        ChangeEvent waiting = publish("modify-phs-waiting-to-paid-publishes-one", new Sink()).published().get(0);
        ChangeEvent fresh = publish("insert-phs-paid-publishes-one", new Sink()).published().get(0);
        assertNotEquals(waiting.eventId(), fresh.eventId(), "another version of the item is another change");
        assertEquals(2, waiting.sequence());
        assertEquals("5", waiting.detail().path("previousStatus").path("code").asText());
        assertEquals("waiting-approval", waiting.detail().path("previousStatus").path("name").asText());
    }

    @Test
    void mpPaymentPaysTheOrderOnlyOnceConfirmed() throws IOException {
        ChangeEvent unconfirmed = publish("modify-mp-waiting-to-paid-unconfirmed-publishes-one", new Sink()).published().get(0);
        assertTrue(unconfirmed.detail().get("paid").asBoolean());
        assertEquals(false, unconfirmed.detail().get("confirmed").asBoolean());
        assertNull(unconfirmed.text("orderChange"), "not deliverable before Payguru's API confirms it");
        assertEquals("9.99", unconfirmed.text("amount"));
        ChangeEvent confirmed = publish("modify-mp-paid-confirmed-by-reconciliation-publishes-one", new Sink()).published()
                .get(0);
        assertEquals("confirmed", confirmed.text("change"));
        assertEquals("paid", confirmed.text("orderChange"));
        assertEquals("reconciliation", confirmed.text("cause"));
        assertEquals("3", confirmed.detail().path("previousStatus").path("code").asText());
        assertEquals(3, confirmed.sequence());
    }

    @Test
    void subscriptionsOrdersAndUndocumentedStatuses() throws IOException {
        ChangeEvent sub = publish("modify-subscription-active-to-retry-publishes-one", new Sink()).published().get(0);
        assertEquals(EventDerivation.SUBSCRIPTION, sub.detailType());
        assertEquals("retry", sub.detail().path("status").path("name").asText());
        assertEquals("active", sub.detail().path("previousStatus").path("code").asText());
        assertEquals("9300001", sub.text("subsId"));
        assertEquals("9100050", sub.text("txId"));
        ChangeEvent order = publish("insert-order-created-publishes-one", new Sink()).published().get(0);
        assertEquals(EventDerivation.ORDER_CREATED, order.detailType());
        assertEquals("created", order.text("orderChange"));
        assertEquals("operation", order.text("cause"));
        assertEquals("250.00", order.text("amount"));
        assertTrue(order.detail().get("confirmed").isNull());
        ChangeEvent unknown = publish("modify-phs-undocumented-status-publishes-one", new Sink()).published().get(0);
        assertEquals("undocumented-status", unknown.text("change"));
        assertEquals("42", unknown.text("undocumentedStatus"));
        assertEquals("5", unknown.detail().path("status").path("code").asText(), "the documented status stays");
    }

    @Test
    void aRefusedEntryHandsBackItsRecordAndEveryLaterOne() throws IOException {
        List<ChangeRecord> records = fixture("batch-mixed-publishes-three");
        Sink all = new Sink();
        List<ChangeEvent> events = new StreamPublisher(all).publish(records).published();
        Sink sink = new Sink();
        sink.refuse.add(events.get(1).eventId()); // the MP payment, third record of five
        StreamPublisher.Outcome out = new StreamPublisher(sink).publish(records);
        assertEquals(List.of(events.get(0)), out.published(), "what came before is published");
        assertEquals(records.subList(2, 5).stream().map(ChangeRecord::sequenceNumber).toList(), out.failed(),
                "Lambda resumes the shard at the refused record; nothing of an item is published out of order");
    }

    @Test
    void aFailedCallOrAnUnreadableRecordIsHandedBack() throws IOException {
        List<ChangeRecord> records = fixture("batch-mixed-publishes-three");
        StreamPublisher failing = new StreamPublisher(events -> {
            throw new IllegalStateException("service unavailable");
        });
        assertEquals(records.stream().map(ChangeRecord::sequenceNumber).toList(), failing.publish(records).failed());

        List<ChangeRecord> poisoned = new ArrayList<>(records);
        var bad = new java.util.HashMap<>(records.get(2).newImage());
        bad.put("version", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("not a number"));
        poisoned.set(2, new ChangeRecord(records.get(2).sequenceNumber(), "MODIFY", records.get(2).oldImage(), bad));
        Sink sink = new Sink();
        StreamPublisher.Outcome out = new StreamPublisher(sink).publish(poisoned);
        assertEquals(1, out.published().size());
        assertEquals(records.subList(2, 5).stream().map(ChangeRecord::sequenceNumber).toList(), out.failed());
    }

    @Test
    void batchesAreCutAtTenEntries() throws IOException {
        ChangeRecord one = fixture("insert-order-created-publishes-one").get(0);
        List<ChangeRecord> many = new ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            var image = new java.util.HashMap<>(one.newImage());
            image.put("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("ORDER#PHS#SHOP#O-" + i));
            many.add(new ChangeRecord(Integer.toString(i), "INSERT", null, image));
        }
        Sink sink = new Sink();
        StreamPublisher.Outcome out = new StreamPublisher(sink).publish(many);
        assertEquals(23, out.published().size());
        assertEquals(3, sink.calls.get());
    }

    static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> mpImage(String status,
            boolean confirmed, long version, String cause) {
        var a = new java.util.HashMap<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>();
        a.put("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("TX#MP#9100077"));
        a.put("sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("TX"));
        a.put("version", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Long.toString(version)));
        a.put("line", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("MP"));
        a.put("txId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("9100077"));
        a.put("status", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(status));
        a.put("amount", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("9.99"));
        a.put("confirmed", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(confirmed));
        a.put("cause", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(cause));
        a.put("updatedAt", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("2026-12-05T09:00:00Z"));
        return a;
    }

    @Test
    void case2_aConfirmedFactThatReplacesAClaimSaysWhatItOverrode() {
        ChangeEvent up = EventDerivation.derive(mpImage("9", false, 2, "callback"), mpImage("3", true, 3, "reconciliation"))
                .orElseThrow();
        assertEquals("9", up.text("overrode"), "callback said 9, Payguru says 3");
        assertEquals("true", up.text("confirmed"));
        assertEquals("paid", up.text("orderChange"));

        ChangeEvent claim = EventDerivation.derive(mpImage("1", false, 1, "callback"), mpImage("6", false, 2, "callback"))
                .orElseThrow();
        assertNull(claim.text("overrode"));
        assertNull(claim.text("orderChange"), "a refund claim is not acted on before Payguru confirms it");

        ChangeEvent confirms = EventDerivation.derive(mpImage("6", false, 2, "callback"),
                mpImage("6", true, 3, "reconciliation")).orElseThrow();
        assertEquals("confirmed", confirms.text("change"));
        assertNull(confirms.text("overrode"), "the claim was right");
        assertEquals("refunded", confirms.text("orderChange"));
    }
}
