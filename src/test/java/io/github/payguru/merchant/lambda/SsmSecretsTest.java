package io.github.payguru.merchant.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.payguru.merchant.dev.DynamoDbEmulator;
import io.github.payguru.merchant.store.AwsJson;
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
}
