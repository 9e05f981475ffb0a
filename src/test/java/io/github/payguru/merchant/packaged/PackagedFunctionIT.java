package io.github.payguru.merchant.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.github.payguru.merchant.support.LeakScan;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The artifact we ship, {@code target/function.zip}, run as Lambda runs it (see
 * {@link PackagedFunction}): the prod build, the template's environment variable names, the local
 * DynamoDB emulator as its table ({@link PackagedStack}), fixture events from {@code infra/events}: callbacks of both
 * lines, an operation (mp-transaction-get, against a Payguru stand-in on loopback), the event publisher, what the zip
 * holds and what a SnapStart initialization loads. Issue 17's cases are in {@link PackagedClaimsIT} and
 * {@link PackagedSafetyIT}.
 */
class PackagedFunctionIT {

    private static final ObjectMapper JSON = PackagedStack.JSON;
    private static final String MP_TOKEN = PackagedStack.MP_TOKEN;
    private static final String MP_SECRET = PackagedStack.MP_SECRET;

    private static PackagedStack stack;
    private static String dynamoEndpoint;
    private static DynamoDbClient dynamo;
    private static HttpServer payguru;
    private static final List<String> payguruRequests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void emulatorAndPayguru() throws IOException {
        stack = new PackagedStack("payguru-merchant-packaged");
        dynamoEndpoint = stack.endpoint;
        dynamo = stack.dynamo;
        payguru = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        payguru.createContext("/mp/transaction/detail/", exchange -> {
            payguruRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] body = ("{\"response\":{\"result\":\"SUCCESS\",\"resultCode\":\"0000\",\"resultDescription\":\"Success\","
                    + "\"resultDetail\":\"\",\"timeElapsed\":3,\"responsetime\":\"2026-11-22 10:00:01\"},"
                    + "\"subscription\":{\"id\":9100001,\"service\":2001,\"status\":3,\"msisdn\":\"90532*****67\","
                    + "\"operator\":1,\"amount\":9.99,\"item\":\"Gold\",\"error\":null,\"errorDetail\":null,"
                    + "\"transactionDate\":\"2026-11-22 10:00:00\",\"modifiedDate\":\"2026-11-22 10:00:00\","
                    + "\"referenceCode\":\"MP-1\",\"subscriptionId\":null,\"billingType\":\"onetime\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        payguru.start();
    }

    @AfterAll
    static void stop() {
        payguru.stop(0);
        stack.close();
    }

    private static String payguruBase() {
        return "http://127.0.0.1:" + payguru.getAddress().getPort() + "/mp";
    }

    /** The variables {@code infra/template.yaml} sets (Globals), with the local run's made-up merchant. */
    static Map<String, String> templateEnvironment() {
        return templateEnvironment("2001");
    }

    /** The same with the MP service of the MP callback fixtures (3001), which also reads its callback token. */
    private static Map<String, String> mpCallbackEnvironment() {
        return stack.mpCallbackEnvironment(payguruBase());
    }

    private static Map<String, String> templateEnvironment(String mpServiceId) {
        return stack.environment(mpServiceId, payguruBase());
    }

    private static JsonNode answer(PackagedFunction function, String handler, String fixture) throws Exception {
        return PackagedStack.answer(function, handler, fixture);
    }

    @Test
    void phsNotifyStoresOnceAndRefusesWhatItMust() throws Exception {
        try (PackagedFunction function = PackagedFunction.start("phs-notify", templateEnvironment())) {
            JsonNode first = answer(function, "phs-notify", "get-success");
            assertEquals(200, first.get("statusCode").asInt(), first::toString);
            assertEquals("OK", first.get("body").asText());
            Map<String, AttributeValue> stored = item("TX#PHS#7000001", "TX");
            assertEquals("3", stored.get("status").s(), stored::toString);
            assertEquals("150.00", stored.get("amountWire").s(), stored::toString);

            JsonNode again = answer(function, "phs-notify", "get-success");
            assertEquals(first, again, "a duplicate gets the first answer");
            assertEquals(403, answer(function, "phs-notify", "get-wrong-key-status-3").get("statusCode").asInt());
            JsonNode missing = answer(function, "phs-notify", "get-missing-key");
            assertEquals(400, missing.get("statusCode").asInt());
            assertEquals("missing field: key", missing.get("body").asText());
            assertEquals(409, answer(function, "phs-notify", "get-conflicting-amount").get("statusCode").asInt());
            assertFalse(function.hasLoaded(PRELOADED_ONLY), "an on-demand start preloads nothing for a snapshot");
            assertFalse(function.hasLoaded(PRIMED_ONLY), "nor primes anything");
        }
    }

    /** A class of the generated preload list that phs-notify never uses (the payment page's Payguru client). */
    private static final String PRELOADED_ONLY = "io.github.payguru.merchant.mp.api.CheckoutApi";

    /** A class only a GetItem loads, which phs-notify's refusal of a request without key never makes (the priming). */
    private static final String PRIMED_ONLY = "software.amazon.awssdk.services.dynamodb.transform.GetItemRequestMarshaller";

    /**
     * SnapStart's class preloading (lambda/SnapStartPreload) when Lambda initializes a version for its snapshot, and
     * only then (the on-demand start above has not loaded the class).
     */
    @Test
    void aSnapStartInitializationPreloadsTheApplicationsClasses() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(templateEnvironment());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        try (PackagedFunction function = PackagedFunction.start("phs-notify", env)) {
            assertEquals(400, answer(function, "phs-notify", "get-missing-key").get("statusCode").asInt());
            assertTrue(function.hasLoaded(PRELOADED_ONLY), "a SnapStart initialization preloads the class list");
            assertTrue(function.hasLoaded(PRIMED_ONLY), "and primes the DynamoDB client with a GetItem");
        }
    }

    /**
     * Issue 18: the artifact holds the functions only. No class of the local run ({@code src/local/java}: the local
     * gateway, the Payguru simulator, the stream poller, the emulator launcher, the table admin, the local settings),
     * nor one generated for it, is in function.zip or in the SnapStart preload list it carries.
     */
    @Test
    void theArtifactHoldsNoClassOfTheLocalRun() throws IOException {
        Path sources = Path.of("src", "local", "java");
        List<String> local;
        try (Stream<Path> files = Files.walk(sources)) {
            local = files.filter(f -> f.toString().endsWith(".java"))
                    .map(f -> sources.relativize(f).toString().replace('\\', '/').replaceAll("[.]java$", "")).toList();
        }
        assertTrue(local.contains("io/github/payguru/merchant/dev/simulator/PayguruSimulator"), local::toString);
        Predicate<String> ofTheLocalRun = path -> path.startsWith("io/github/payguru/merchant/dev/")
                || local.stream().anyMatch(c -> path.equals(c + ".class") || path.startsWith(c + "$")
                        || path.startsWith(c + "_"));
        try (ZipFile zip = new ZipFile(PackagedFunction.ZIP.toFile())) {
            List<String> entries = zip.stream().map(ZipEntry::getName).toList();
            assertTrue(entries.contains("io/github/payguru/merchant/lambda/PhsNotifyHandler.class"), "the functions are in");
            assertEquals(List.of(), entries.stream().filter(ofTheLocalRun).toList(), "classes of the local run in function.zip");

            ZipEntry preload = zip.getEntry("META-INF/quarkus-generated-preload-classes.txt");
            assertTrue(preload != null, "the SnapStart preload list is in the artifact");
            List<String> preloaded = new String(zip.getInputStream(preload).readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
            assertTrue(preloaded.contains("io.github.payguru.merchant.lambda.PhsNotifyHandler"), "a list of ours");
            assertEquals(List.of(), preloaded.stream().filter(c -> ofTheLocalRun.test(c.replace('.', '/'))).toList(),
                    "classes of the local run in the preload list");
        }
    }

    /** Issue 9 through the shipped artifact: undocumented statuses, identifiers, amounts (PHS). */
    @Test
    void phsNotifyNeverFreezesAndRefusesNonCanonicalInput() throws Exception {
        try (PackagedFunction function = PackagedFunction.start("phs-notify", templateEnvironment())) {
            assertEquals(200, answer(function, "phs-notify", "get-unknown-status-before-success").get("statusCode").asInt());
            assertEquals(200, answer(function, "phs-notify", "get-success-after-unknown-status").get("statusCode").asInt());
            Map<String, AttributeValue> stored = item("TX#PHS#7000111", "TX");
            assertEquals("3", stored.get("status").s(), "the documented status after an undocumented one applies");
            assertEquals("99", stored.get("unknownStatus").s(), stored::toString);
            for (String refused : List.of("get-zero-txid", "get-leading-zero-txid", "get-zero-amount-success")) {
                assertEquals(400, answer(function, "phs-notify", refused).get("statusCode").asInt(), refused);
            }
        }
    }

    /** Issue 9 through the shipped artifact: MP billing never freezes, never adopts an amount. */
    @Test
    void mpBillingNeverFreezesNorAdoptsAnAmount() throws Exception {
        try (PackagedFunction function = PackagedFunction.start("mp-billing-notification", mpCallbackEnvironment())) {
            assertEquals(200, answer(function, "mp-billing-notification", "unknown-status-before-paid").get("statusCode").asInt());
            assertEquals(200, answer(function, "mp-billing-notification", "paid-after-unknown-status").get("statusCode").asInt());
            assertEquals("3", item("TX#MP#9100054", "TX").get("status").s());
            JsonNode noAmount = answer(function, "mp-billing-notification", "paid-without-amount");
            assertEquals(400, noAmount.get("statusCode").asInt(), noAmount::toString);
            assertTrue(item("TX#MP#9100050", "TX").isEmpty(), "a refused notification stores nothing");
            assertEquals(400, answer(function, "mp-billing-notification", "leading-zero-txid").get("statusCode").asInt());
        }
    }

    /** Issue 9 through the shipped artifact: an undocumented subscription status never hides a documented one. */
    @Test
    void mpSubscriptionNeverFreezes() throws Exception {
        try (PackagedFunction function = PackagedFunction.start("mp-subscription-notification", mpCallbackEnvironment())) {
            String fn = "mp-subscription-notification";
            assertEquals(200, answer(function, fn, "unrecognized-status-before-active").get("statusCode").asInt());
            assertEquals(200, answer(function, fn, "active-after-unrecognized-status").get("statusCode").asInt());
            Map<String, AttributeValue> cycle = item("SUB#MP#9300011", "SUB");
            assertEquals("active", cycle.get("status").s(), cycle::toString);
            assertEquals("paused", cycle.get("unknownStatus").s(), cycle::toString);
            assertEquals(400, answer(function, fn, "leading-zero-subsid").get("statusCode").asInt());
        }
    }

    /**
     * Issue 9 §4-5 through the shipped artifact: a misspelled token (secret included) and personal data
     * under documented and invented names reach the MP billing function; afterwards neither the table
     * nor the function's output holds a configured secret, the planted data or an unmasked shape.
     */
    @Test
    void mpBillingKeepsNoSecretAndNoClearPersonalData() throws Exception {
        try (PackagedFunction function = PackagedFunction.start("mp-billing-notification", mpCallbackEnvironment())) {
            JsonNode misspelled = answer(function, "mp-billing-notification", "misspelled-token");
            assertEquals(403, misspelled.get("statusCode").asInt(), misspelled::toString);
            JsonNode paid = answer(function, "mp-billing-notification", "paid-with-personal-data");
            assertEquals(200, paid.get("statusCode").asInt(), paid::toString);

            LeakScan scan = new LeakScan(List.of(MP_TOKEN, MP_SECRET, "local-merchant-key", "local-phs-service-key"),
                    List.of("12345678950", "TR330006100519786457841326", "ayse.yilmaz@example.com.tr", "905321234567",
                            "Ayşe Yılmaz"));
            int[] items = { 0 };
            List<LeakScan.Hit> hits = new java.util.ArrayList<>(scan.table(dynamo, stack.table, items));
            hits.addAll(scan.logs(function.output().lines().toList()));
            assertTrue(items[0] > 0, "the scan read the table");
            assertEquals(List.of(), hits);
        }
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return stack.item(pk, sk);
    }

    @Test
    void mpTransactionGetCallsPayguruAndValidatesFirst() throws Exception {
        try (PackagedFunction function = PackagedFunction.start("mp-transaction-get", templateEnvironment())) {
            JsonNode ok = answer(function, "mp-transaction-get", "post-success");
            assertEquals(200, ok.get("statusCode").asInt(), ok::toString);
            JsonNode body = JSON.readTree(ok.get("body").asText());
            assertEquals("0000", body.get("payguruCode").asText(), body::toString);
            assertTrue(payguruRequests.contains("GET /mp/transaction/detail/1000/2001/9100001"), payguruRequests::toString);

            int calls = payguruRequests.size();
            JsonNode refused = answer(function, "mp-transaction-get", "post-missing-transaction-id");
            assertEquals(400, refused.get("statusCode").asInt(), refused::toString);
            assertTrue(refused.get("body").asText().contains("\"source\":\"validation\""), refused::toString);
            assertEquals(calls, payguruRequests.size(), "a refused input calls nobody");
        }
    }

    /** The stream publisher as shipped: plain-map event in, PutEvents through the SDK's own endpoint setting, failures out. */
    @Test
    void eventPublisherPutsTheStreamsChangesOnTheBus() throws Exception {
        String bus = "packaged-payguru-events";
        try (var events = software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder()
                .endpointOverride(java.net.URI.create(dynamoEndpoint))
                .region(software.amazon.awssdk.regions.Region.EU_CENTRAL_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            try {
                events.createEventBus(b -> b.name(bus));
            } catch (software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException exists) {
                // an earlier run of this JVM's emulator
            }
        }
        Map<String, String> env = new java.util.HashMap<>(templateEnvironment());
        env.put("PAYGURU_EVENTS_BUS_NAME", bus);
        // what differs from AWS: EventBridge is the local emulator (the SDK's service-specific endpoint variable)
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", dynamoEndpoint);
        try (PackagedFunction function = PackagedFunction.start("event-publisher", env)) {
            JsonNode ok = answer(function, "event-publisher", "batch-mixed-publishes-three");
            assertEquals("{\"batchItemFailures\":[]}", ok.toString(), function::output);
            assertTrue(function.output().contains("Payguru Order Created"), function::output);
        }
    }
}
