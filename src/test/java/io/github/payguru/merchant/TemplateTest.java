package io.github.payguru.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.inject.Named;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.github.payguru.merchant.events.EventDerivation;
import io.github.payguru.merchant.lambda.Routes;
import io.github.payguru.merchant.payguru.MoneyCallBudget;
import io.github.payguru.merchant.payguru.PayguruApiConfig;
import io.github.payguru.merchant.packaged.PackagedFunction;
import io.github.payguru.merchant.store.StoreConfig;
import io.github.payguru.merchant.store.TableLayout;
import io.smallrye.config.WithDefault;

/**
 * Holds infra/template.yaml, the handlers, the routes and the fixtures to one vocabulary:
 * every function names an existing handler, every HttpApi event is a route the local gateway
 * serves (and back), the table matches the code's layout, every handler has fixtures.
 */
class TemplateTest {

    static final JsonNode TEMPLATE = read();

    static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("infra", "template.yaml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, JsonNode> functions() {
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = TEMPLATE.get("Resources").fields();
        while (it.hasNext()) {
            var e = it.next();
            if ("AWS::Serverless::Function".equals(e.getValue().path("Type").asText())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    static Set<String> handlerNames() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path p : files.filter(f -> f.toString().endsWith("Handler.java")).toList()) {
                String className = Path.of("src", "main", "java").relativize(p).toString()
                        .replace('/', '.').replaceAll("\\.java$", "");
                try {
                    Class<?> c = Class.forName(className);
                    Named n = c.getAnnotation(Named.class);
                    if (n != null) {
                        names.add(n.value());
                    }
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    @Test
    void everyFunctionRunsAnExistingHandlerAndEveryHandlerIsDeployed() throws IOException {
        Set<String> deployed = new TreeSet<>();
        functions().forEach((id, fn) -> {
            String handler = fn.path("Properties").path("Environment").path("Variables").path("QUARKUS_LAMBDA_HANDLER")
                    .asText();
            deployed.add(handler);
            String expectedId = toLogicalId(handler) + "Function";
            assertEquals(expectedId, id, "logical id follows the handler name");
            assertTrue(fn.path("Properties").has("Policies"), id + " has its own least-privilege policy");
        });
        assertEquals(handlerNames(), deployed);
    }

    /** java17 can no longer be created or updated in Lambda: the JVM runtime, .mvn/java-version and the class files agree. */
    @Test
    void functionsRunOnASupportedRuntimeTheCodeIsCompiledFor() throws IOException {
        JsonNode runtime = TEMPLATE.path("Globals").path("Function").path("Runtime");
        assertEquals("IsNative", runtime.get(0).asText(), runtime::toString);
        assertEquals("provided.al2023", runtime.get(1).asText());
        String jvmRuntime = runtime.get(2).asText();
        assertTrue(Set.of("java21", "java25").contains(jvmRuntime), jvmRuntime);
        String version = Files.readString(Path.of(".mvn", "java-version")).trim();
        assertEquals("java" + version, jvmRuntime, ".mvn/java-version and the template's runtime");
        try (DataInputStream in = new DataInputStream(
                TemplateTest.class.getResourceAsStream("/io/github/payguru/merchant/store/TableLayout.class"))) {
            in.readInt();
            in.readUnsignedShort();
            assertEquals(Integer.parseInt(version) + 44, in.readUnsignedShort(), "class file major version");
        }
    }

    /** The packaged-artifact tests and the benchmark give the JVM the memory a deployed function has. */
    @Test
    void packagedTestsSeeTheFunctionsMemorySize() {
        assertEquals(PackagedFunction.FUNCTION_MEMORY_MB, TEMPLATE.path("Globals").path("Function").path("MemorySize").asInt());
        functions().forEach((name, fn) -> assertTrue(fn.path("Properties").path("MemorySize").isMissingNode(),
                name + " overrides MemorySize of the globals"));
    }

    @Test
    void jvmFunctionsRunPublishedVersionsWithSnapStartUnlessTurnedOff() {
        JsonNode globals = TEMPLATE.path("Globals").path("Function");
        assertEquals("live", globals.path("AutoPublishAlias").asText(), globals::toString);
        assertTrue(globals.path("AutoPublishAliasAllProperties").asBoolean(), "a changed property publishes a version");
        JsonNode snapStart = globals.path("SnapStart");
        assertEquals("UseSnapStart", snapStart.get(0).asText(), snapStart::toString);
        assertEquals("PublishedVersions", snapStart.get(1).path("ApplyOn").asText(), snapStart::toString);
        assertEquals("AWS::NoValue", snapStart.get(2).asText(), snapStart::toString);
        // UseSnapStart: the SnapStart parameter is 'true' and the packaging is not native (native has no SnapStart)
        JsonNode condition = TEMPLATE.path("Conditions").path("UseSnapStart");
        assertEquals("[[\"IsNative\"],[\"SnapStart\",\"true\"]]", condition.toString());
        JsonNode parameter = TEMPLATE.path("Parameters").path("SnapStart");
        assertEquals("[\"true\",\"false\"]", parameter.path("AllowedValues").toString(), "a merchant can turn it off");
        functions().forEach((name, fn) -> {
            JsonNode p = fn.path("Properties");
            for (String key : List.of("AutoPublishAlias", "SnapStart", "Runtime", "PackageType", "CodeUri")) {
                assertTrue(p.path(key).isMissingNode(), name + " overrides " + key + " of the globals");
            }
        });
    }

    @Test
    void routesInTemplateAreTheRoutesServedLocally() {
        List<String> template = new ArrayList<>();
        functions().forEach((id, fn) -> fn.path("Properties").path("Events").forEach(ev -> {
            if ("HttpApi".equals(ev.path("Type").asText())) {
                String handler = fn.path("Properties").path("Environment").path("Variables")
                        .path("QUARKUS_LAMBDA_HANDLER").asText();
                template.add(ev.path("Properties").path("Method").asText() + " " + ev.path("Properties").path("Path").asText()
                        + " -> " + handler);
            }
        }));
        List<String> code = Routes.ALL.stream().map(r -> r.method() + " " + r.path() + " -> " + r.handler()).toList();
        assertEquals(new TreeSet<>(code), new TreeSet<>(template));
    }

    @Test
    void operationsAreIamAuthorizedAndCallbacksArePublic() {
        assertTrue(TEMPLATE.get("Resources").get("PayguruApi").path("Properties").path("Auth")
                .path("EnableIamAuthorizer").asBoolean(), "the HTTP API enables the AWS_IAM authorizer");
        List<String> checked = new ArrayList<>();
        functions().forEach((id, fn) -> fn.path("Properties").path("Events").forEach(ev -> {
            String path = ev.path("Properties").path("Path").asText();
            String authorizer = ev.path("Properties").path("Auth").path("Authorizer").asText("");
            if (path.startsWith("/ops/")) {
                assertEquals("AWS_IAM", authorizer, id + " " + path + " must be SigV4-signed");
                assertTrue(fn.path("Properties").path("Timeout").asInt() >= 30,
                        id + ": the function timeout leaves room for a call, its retry and a query");
            } else {
                assertEquals("", authorizer, id + " " + path + " is called by Payguru, unsigned");
            }
            checked.add(path);
        }));
        assertTrue(checked.stream().filter(p -> p.startsWith("/ops/")).count() >= 14, "every operation has a route");
    }

    @Test
    void eachFunctionReadsOnlyItsOwnSecretsFromSsm() {
        TEMPLATE.get("Parameters").fields().forEachRemaining(p -> assertFalse(p.getValue().has("NoEcho"),
                p.getKey() + ": no secret is a template parameter"));
        List<JsonNode> environments = new ArrayList<>(List.of(TEMPLATE.path("Globals").path("Function").path("Environment")));
        functions().values().forEach(fn -> environments.add(fn.path("Properties").path("Environment")));
        environments.forEach(env -> env.path("Variables").fieldNames().forEachRemaining(name -> assertFalse(
                name.matches(".*(PRIVATE_KEY|TOKEN|SECRET_KEY)$"), name + ": no secret in an environment variable")));
        Set<String> phs = Set.of("merchant-private-key", "services/phs/private-key");
        Set<String> mp = Set.of("services/mp/private-key", "mp/callback-token", "mp/credentials/key");
        functions().forEach((id, fn) -> {
            JsonNode vars = fn.path("Properties").path("Environment").path("Variables");
            String handler = vars.path("QUARKUS_LAMBDA_HANDLER").asText();
            Set<String> names = new TreeSet<>();
            strings(vars.path("PAYGURU_SECRETS_NAMES"), names);
            names.removeIf(n -> !phs.contains(n) && !mp.contains(n));
            Set<String> allowed = new TreeSet<>();
            fn.path("Properties").path("Policies").forEach(p -> p.path("Statement").forEach(st -> {
                if (st.path("Action").toString().contains("ssm:")) {
                    assertEquals("\"ssm:GetParameters\"", st.path("Action").toString(), id + ": only reads parameters");
                    Set<String> resources = new TreeSet<>();
                    strings(st.path("Resource"), resources);
                    resources.forEach(r -> allowed.add(r.substring(r.indexOf("${SecretsPath}/") + "${SecretsPath}/".length())));
                }
            }));
            assertEquals(names, allowed, id + ": reads exactly the parameters its policy allows");
            if (handler.startsWith("mp-")) {
                assertTrue(names.stream().noneMatch(phs::contains), id + " never reads a PHS key");
            } else if (handler.startsWith("phs-") || handler.equals("tckn-verify")) {
                assertTrue(names.stream().noneMatch(mp::contains), id + " never reads an MP key");
            }
        });
        assertEquals("[\"HasMpToken\",\"mp/callback-token\",\"\"]", functions().get("MpBillingNotificationFunction")
                .path("Properties").path("Environment").path("Variables").path("PAYGURU_SECRETS_NAMES").toString(),
                "an MP callback reads the callback token whenever the token check is on");
    }

    /** Every text in a node (template functions such as !If and !Join read as arrays), split at commas. */
    private static void strings(JsonNode node, Set<String> out) {
        if (node.isTextual()) {
            for (String part : node.asText().split(",")) {
                out.add(part.strip());
            }
        }
        node.forEach(child -> strings(child, out));
    }

    @Test
    void tableMatchesTheCodesLayout() {
        JsonNode table = TEMPLATE.get("Resources").get("PaymentTable").get("Properties");
        Set<String> indexes = new TreeSet<>();
        table.get("GlobalSecondaryIndexes").forEach(i -> indexes.add(i.get("IndexName").asText()));
        assertEquals(Set.of(TableLayout.BY_ORDER, TableLayout.OPEN_ITEMS), indexes);
        assertEquals(TableLayout.EXPIRES_AT, table.get("TimeToLiveSpecification").get("AttributeName").asText());
    }

    /**
     * Writers put an open item in its shard of {@code payguru.store.open-shards} and reconciliation reads that many
     * shards: one count for every function (set once, in Globals), defaulting to the code's default.
     */
    @Test
    void openItemsShardsAreOneSettingOfEveryFunction() throws NoSuchMethodException {
        JsonNode parameter = TEMPLATE.get("Parameters").get("OpenItemsShards");
        String codeDefault = StoreConfig.Store.class.getMethod("openShards").getAnnotation(WithDefault.class).value();
        assertEquals(codeDefault, parameter.get("Default").asText());
        assertEquals(1, parameter.get("MinValue").asInt());
        assertEquals("OpenItemsShards", TEMPLATE.path("Globals").path("Function").path("Environment").path("Variables")
                .path("PAYGURU_STORE_OPEN_SHARDS").asText());
        functions().forEach((id, fn) -> assertFalse(fn.path("Properties").path("Environment").path("Variables")
                .has("PAYGURU_STORE_OPEN_SHARDS"), id + " does not override the shard count"));
        JsonNode open = null;
        for (JsonNode i : TEMPLATE.get("Resources").get("PaymentTable").get("Properties").get("GlobalSecondaryIndexes")) {
            if (TableLayout.OPEN_ITEMS.equals(i.get("IndexName").asText())) {
                open = i;
            }
        }
        assertEquals(TableLayout.OPEN_PK, open.get("KeySchema").get(0).get("AttributeName").asText());
        assertEquals(TableLayout.OPEN_SK, open.get("KeySchema").get(1).get("AttributeName").asText());
    }

    @Test
    void everyHandlerHasFixtures() throws IOException {
        for (String handler : handlerNames()) {
            Path dir = Path.of("infra", "events", handler);
            assertTrue(Files.isDirectory(dir), "fixtures for " + handler);
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.anyMatch(f -> f.toString().endsWith(".json")), "fixtures for " + handler);
            }
        }
    }

    /** The change events: stream, bus, archive, dead letters, and a publisher allowed exactly what it does. */
    @Test
    void changeEventsArePublishedFromTheStreamWithBoundedRetriesAndLeastPrivilege() {
        JsonNode resources = TEMPLATE.get("Resources");
        assertEquals("NEW_AND_OLD_IMAGES", resources.path("PaymentTable").path("Properties").path("StreamSpecification")
                .path("StreamViewType").asText());
        assertEquals("AWS::Events::EventBus", resources.path("EventBus").path("Type").asText());
        JsonNode archive = resources.path("EventArchive").path("Properties");
        // (the YAML reader drops the short-form tags: !GetAtt X.Arn reads as "X.Arn", !Ref X as "X")
        assertEquals("EventBus.Arn", archive.path("SourceArn").asText(), archive::toString);
        assertEquals(EventDerivation.SOURCE, archive.path("EventPattern").path("source").get(0).asText());
        assertTrue(resources.path("EventDeadLetterQueue").path("Properties").path("SqsManagedSseEnabled").asBoolean(),
                "the dead-letter queue is encrypted");

        JsonNode mapping = resources.path("EventPublisherStream").path("Properties");
        assertEquals("AWS::Lambda::EventSourceMapping", resources.path("EventPublisherStream").path("Type").asText());
        // the alias SAM publishes (AutoPublishAlias): a raw mapping is not rewired by SAM, and SnapStart applies to versions only
        assertEquals("EventPublisherFunction.Alias", mapping.path("FunctionName").asText(), mapping::toString);
        assertEquals("ReportBatchItemFailures", mapping.path("FunctionResponseTypes").get(0).asText());
        assertTrue(mapping.path("BisectBatchOnFunctionError").asBoolean());
        int retries = mapping.path("MaximumRetryAttempts").asInt(-1);
        assertTrue(retries >= 0 && retries <= 10, "bounded retries: " + retries);
        assertTrue(mapping.path("DestinationConfig").path("OnFailure").path("Destination").toString()
                .contains("EventDeadLetterQueue"), mapping::toString);

        JsonNode fn = functions().get("EventPublisherFunction").path("Properties");
        assertEquals("event-publisher", fn.path("Environment").path("Variables").path("QUARKUS_LAMBDA_HANDLER").asText());
        assertEquals("EventBus", fn.path("Environment").path("Variables").path("PAYGURU_EVENTS_BUS_NAME").asText());
        assertTrue(fn.path("Events").isMissingNode(), "no SAM event: it would add a managed policy on every stream");
        List<String> grants = new ArrayList<>();
        fn.path("Policies").forEach(p -> p.path("Statement").forEach(st -> grants.add(st.path("Action").toString() + " on "
                + st.path("Resource").toString())));
        assertEquals(3, grants.size(), grants::toString);
        assertTrue(grants.get(0).startsWith("[\"events:PutEvents\"]") && grants.get(0).contains("EventBus"), grants::toString);
        assertTrue(grants.get(1).contains("dynamodb:GetRecords") && grants.get(1).contains("/stream/*"), grants::toString);
        assertTrue(grants.get(2).startsWith("[\"sqs:SendMessage\"]") && grants.get(2).contains("EventDeadLetterQueue"),
                grants::toString);
    }

    /**
     * Issue 17: the refund and cancel locks live as long as the worst case of one money call ({@link MoneyCallBudget}:
     * DynamoDB calls before sending, connect, the whole-answer deadline, a margin), so a lock never expires while its
     * call may still be on the wire; and the function's timeout covers that lifetime, so the function is never cut
     * short of one worst-case call. Counted from application.properties (production values) and the functions'
     * environment, as deployed.
     */
    @Test
    void moneyFunctionsOutliveTheirLockAndTheLockOutlivesOneWorstCaseCall() throws IOException {
        java.util.Properties props = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of("src", "main", "resources", "application.properties"))) {
            props.load(in);
        }
        for (String id : List.of("MpTransactionRefundFunction", "MpSubscriptionCancelFunction")) {
            JsonNode fn = functions().get(id).path("Properties");
            JsonNode env = fn.path("Environment").path("Variables");
            MoneyCallBudget budget = new MoneyCallBudget(
                    duration(env, props, "payguru.api.connect-timeout", "connectTimeout"),
                    duration(env, props, "payguru.api.read-timeout", "readTimeout"),
                    duration(env, props, "quarkus.dynamodb.api-call-timeout", null),
                    duration(env, props, "payguru.api.money-call-margin", "moneyCallMargin"));
            Duration worstCall = budget.storeCall().multipliedBy(MoneyCallBudget.STORE_CALLS_BEFORE_SENDING)
                    .plus(budget.connect()).plus(budget.read());
            assertTrue(budget.lockTtl().compareTo(worstCall) >= 0, id + ": the lock would expire while a call runs");
            assertTrue(budget.margin().isPositive(), id + ": a margin for clocks and pauses");
            Duration timeout = Duration.ofSeconds(fn.path("Timeout").asInt(
                    TEMPLATE.path("Globals").path("Function").path("Timeout").asInt()));
            assertTrue(timeout.compareTo(budget.lockTtl()) >= 0, id + ": Timeout " + timeout
                    + " is shorter than one worst-case money call and its lock (" + budget.lockTtl() + ")");
        }
    }

    /** A duration as deployed: the function's environment, else application.properties, else the code's default. */
    private static Duration duration(JsonNode env, java.util.Properties props, String key, String method) {
        String envName = key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        String v = env.has(envName) ? env.get(envName).asText() : props.getProperty(key);
        if (v == null) {
            try {
                v = PayguruApiConfig.class.getMethod(method).getAnnotation(WithDefault.class).value();
            } catch (NoSuchMethodException | NullPointerException e) {
                throw new IllegalStateException(key + " has no value", e);
            }
        }
        v = v.trim().toUpperCase(java.util.Locale.ROOT);
        return Duration.parse(v.startsWith("P") ? v : v.matches("\\d+") ? "PT" + v + "S" : "PT" + v);
    }

    static String toLogicalId(String handler) {
        StringBuilder b = new StringBuilder();
        for (String part : handler.split("-")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }
    /** Issue 17 case 6 at deploy time: an MP deployment with neither token nor CIDRs needs the explicit insecure flag. */
    @Test
    void case6_anOpenMpDeploymentNeedsTheInsecureFlagAtDeployAndAtStart() {
        JsonNode flag = TEMPLATE.path("Parameters").path("MpAllowUnauthenticatedCallbacks");
        assertEquals("false", flag.path("Default").asText(), "secure by default");
        assertEquals("[\"true\",\"false\"]", flag.path("AllowedValues").toString());
        assertEquals("MpAllowUnauthenticatedCallbacks", TEMPLATE.path("Globals").path("Function").path("Environment")
                .path("Variables").path("PAYGURU_MP_ALLOW_UNAUTHENTICATED_CALLBACKS").asText(), "every function reads it");
        String assertion = TEMPLATE.path("Rules").path("MpCallbacksAreAuthenticated").path("Assertions").toString();
        for (String p : List.of("MpCallbackTokenEnabled", "MpAllowedCidrs", "MpAllowUnauthenticatedCallbacks")) {
            assertTrue(assertion.contains(p), assertion);
        }
    }
}
