package io.github.payguru.merchant.packaged;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.payguru.merchant.dev.DynamoDbEmulator;
import io.github.payguru.merchant.store.TableAdmin;
import io.github.payguru.merchant.support.DynamoDbEmulatorResource;
import io.github.payguru.merchant.support.Fixtures;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * What the shipped {@code function.zip} runs against in the packaged tests, as in AWS: a table of its own on the local
 * emulator, the keys in SSM Parameter Store (the emulator serves it; no key in the environment), and the environment
 * variables {@code infra/template.yaml} sets, with the local run's made-up merchant. One per test class.
 */
final class PackagedStack implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MP_TOKEN = "local-mp-token";
    static final String MP_SECRET = "local-mp-secret";
    static final String SECRETS = "/payguru-it";
    static final String EXPRESSION_TOKEN = "Tok-${x}-42";

    final String table;
    final String endpoint;
    final DynamoDbClient dynamo;

    PackagedStack(String table) {
        this.table = table;
        this.endpoint = DynamoDbEmulator.sharedEndpoint();
        this.dynamo = DynamoDbEmulatorResource.client(endpoint);
        TableAdmin.recreate(dynamo, table);
        try (SsmClient ssm = SsmClient.builder().endpointOverride(URI.create(endpoint)).region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            for (String[] mp : new String[][] { { "2001", "local-mp-game-key" }, { "3001", MP_SECRET } }) {
                String path = SECRETS + "/" + mp[0];
                put(ssm, path + "/merchant-private-key", "local-merchant-key");
                put(ssm, path + "/services/phs/private-key", "local-phs-service-key");
                put(ssm, path + "/services/mp/private-key", mp[1]);
                put(ssm, path + "/mp/callback-token", MP_TOKEN);
                put(ssm, path + "/mp/credentials/key", "local-mp-credentials-key");
            }
            // issue 17 case 6: a token holding an expression, used as written
            put(ssm, SECRETS + "/expression/services/mp/private-key", MP_SECRET);
            put(ssm, SECRETS + "/expression/mp/callback-token", EXPRESSION_TOKEN);
        }
    }

    private static void put(SsmClient ssm, String name, String value) {
        ssm.putParameter(b -> b.name(name).value(value).type(ParameterType.SECURE_STRING).overwrite(true));
    }

    /** The variables {@code infra/template.yaml} sets (Globals) for MP service {@code mpServiceId}; Payguru at {@code mpBase}. */
    Map<String, String> environment(String mpServiceId, String mpBase) {
        return new HashMap<>(Map.ofEntries(
                Map.entry("DISABLE_SIGNAL_HANDLERS", "true"),
                Map.entry("PAYGURU_MERCHANT_ID", "1000"),
                Map.entry("PAYGURU_SERVICES_PHS_LINE", "PHS"),
                Map.entry("PAYGURU_SERVICES_PHS_CODE", "SHOP"),
                Map.entry("PAYGURU_SERVICES_MP_LINE", "MP"),
                Map.entry("PAYGURU_SERVICES_MP_ID", mpServiceId),
                Map.entry("PAYGURU_SECRETS_PATH", SECRETS + "/" + mpServiceId),
                Map.entry("PAYGURU_SECRETS_NAMES", "merchant-private-key,services/phs/private-key,services/mp/private-key"),
                Map.entry("PAYGURU_MP_CONFIRM_BEFORE_TRUST", "true"),
                Map.entry("PAYGURU_MP_SUCCESS_BODY", "OK"),
                Map.entry("PAYGURU_TABLE_NAME", table),
                Map.entry("PAYGURU_NOTIFICATIONS_LOG_RETENTION", "P90D"),
                Map.entry("PAYGURU_API_MP_BASE_URL", mpBase),
                // What differs from AWS: the table is the local emulator, credentials are made up.
                Map.entry("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", endpoint),
                Map.entry("PAYGURU_SECRETS_ENDPOINT", endpoint),
                Map.entry("AWS_ACCESS_KEY_ID", "local"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "local")));
    }

    /** The same for the MP service of the MP callback fixtures (3001), which also reads its callback token. */
    Map<String, String> mpCallbackEnvironment(String mpBase) {
        Map<String, String> env = environment("3001", mpBase);
        env.put("PAYGURU_SECRETS_NAMES", env.get("PAYGURU_SECRETS_NAMES") + ",mp/callback-token");
        return env;
    }

    /** The function's answer to a fixture event, which must not be a function error. */
    static JsonNode answer(PackagedFunction function, String handler, String fixture) throws Exception {
        return answerTo(function, Fixtures.json(handler, fixture));
    }

    /** The function's answer to an event, which must not be a function error. */
    static JsonNode answerTo(PackagedFunction function, String event) throws Exception {
        LambdaRuntimeApi.Answer answer = function.invoke(event);
        assertFalse(answer.error(), () -> "failed in the function: " + answer.body() + "\n" + function.output());
        return JSON.readTree(answer.body());
    }

    /** The stored item (empty when there is none). */
    Map<String, AttributeValue> item(String pk, String sk) {
        return dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
