package io.github.payguru.merchant.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.aws.AwsJson;
import io.github.payguru.merchant.dev.DynamoDbEmulator;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Secrets from SSM Parameter Store, against the emulator's SSM (the packaged function test reads them at start). */
class SsmSecretsTest {

    static SsmClient ssm;
    static AwsJson calls;
    static final String PATH = "/payguru-test-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void parameters() {
        ssm = SsmClient.builder().endpointOverride(URI.create(DynamoDbEmulator.sharedEndpoint()))
                .region(Region.EU_CENTRAL_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        calls = new AwsJson("ssm", "AmazonSSM", URI.create(DynamoDbEmulator.sharedEndpoint()), Region.EU_CENTRAL_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        put("merchant-private-key", "m-key-0001");
        put("services/phs/private-key", "phs-key-0002");
        put("mp/callback-token", "token-0003");
        for (int i = 0; i < 11; i++) {
            put("services/s" + i + "/private-key", "key-" + i);
        }
    }

    static void put(String name, String value) {
        ssm.putParameter(b -> b.name(PATH + "/" + name).value(value).type(ParameterType.SECURE_STRING).overwrite(true));
    }

    @AfterAll
    static void close() {
        ssm.close();
        calls.close();
    }

    @Test
    void eachNameBecomesItsPayguruProperty() {
        Map<String, String> p = SsmSecrets.load(calls, PATH,
                SsmSecrets.names("merchant-private-key, services/phs/private-key,,mp/callback-token"));
        assertEquals(Map.of("payguru.merchant-private-key", "m-key-0001", "payguru.services.phs.private-key",
                "phs-key-0002", "payguru.mp.callback-token", "token-0003"), p);
    }

    @Test
    void moreThanOneCallsWorth() {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            names.add("services/s" + i + "/private-key");
        }
        Map<String, String> p = SsmSecrets.load(calls, PATH, names);
        assertEquals(11, p.size());
        assertEquals("key-10", p.get("payguru.services.s10.private-key"));
    }

    @Test
    void aMissingParameterStopsTheStartNamingItNotAnyValue() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SsmSecrets.load(calls, PATH, List.of("merchant-private-key", "services/mp/private-key")));
        assertTrue(e.getMessage().contains(PATH + "/services/mp/private-key"), e.getMessage());
        assertFalse(e.getMessage().contains("m-key-0001"), e.getMessage());
    }

    @Test
    void namesAreCheckedAndBlanksDropped() {
        assertEquals(List.of(), SsmSecrets.names(null));
        assertEquals(List.of(), SsmSecrets.names(" , ,"));
        assertEquals(List.of("mp/callback-token"), SsmSecrets.names(",mp/callback-token,mp/callback-token"));
        assertThrows(IllegalStateException.class, () -> SsmSecrets.names("../other-app/key"));
        assertThrows(IllegalStateException.class, () -> SsmSecrets.names("Services/PHS"));
        assertEquals("payguru.services.phs.private-key", SsmSecrets.property("services/phs/private-key"));
    }

    /** The configuration as a function builds it: the SSM source, the environment, the raw-secrets interceptor. */
    static SmallRyeConfig config(Map<String, String> ssmValues, Map<String, String> environment) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withInterceptors(new RawSecrets())
                .withSources(new PropertiesConfigSource(ssmValues, "ssm-secrets", SsmSecrets.ORDINAL),
                        new EnvConfigSource(environment, 300))
                .build();
    }

    /** Issue 17 case 6. Before: {@code PAYGURU_MP_CALLBACK_TOKEN=} hid the SSM token (no token: check off). */
    @Test
    void case6_anEmptyEnvironmentTokenDoesNotSwitchTheCheckOff() {
        SmallRyeConfig c = config(SsmSecrets.load(calls, PATH, List.of("mp/callback-token")),
                Map.of("PAYGURU_MP_CALLBACK_TOKEN", "", "PAYGURU_MP_SUCCESS_BODY", "ACCEPTED"));
        assertEquals(Optional.of("token-0003"), c.getOptionalValue("payguru.mp.callback-token", String.class));
        assertEquals("ACCEPTED", c.getValue("payguru.mp.success-body", String.class), "the environment sets the rest");
        put("mp/blank-token", " ");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SsmSecrets.load(calls, PATH, List.of("mp/blank-token")));
        assertTrue(e.getMessage().contains(PATH + "/mp/blank-token"), "a blank parameter is a missing one: " + e.getMessage());
    }

    /** Issue 17 case 6. Before: a token {@code tok-${x}-en} was expanded (to nothing: check off). */
    @Test
    void case6_aTokenWithAnExpressionIsUsedAsWritten() {
        Map<String, String> secrets = Map.of("payguru.mp.callback-token", "tok-${x}-en",
                "payguru.services.mp.private-key", "k${:}y", "payguru.mp.credentials.key", "c$${z}",
                "payguru.merchant-private-key", "${payguru.mp.success-body}");
        SmallRyeConfig c = config(secrets, Map.of("PAYGURU_MP_SUCCESS_BODY", "OK-${payguru.merchant-id:1000}"));
        secrets.forEach((k, v) -> assertEquals(v, c.getValue(k, String.class), k + " is read as written"));
        assertEquals("OK-1000", c.getValue("payguru.mp.success-body", String.class), "other values are still expanded");
        assertTrue(RawSecrets.isSecret("payguru.services.\"mp-shop\".private-key"));
        assertFalse(RawSecrets.isSecret("payguru.services.mp.id"));
    }
}
