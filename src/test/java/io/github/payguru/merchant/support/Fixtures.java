package io.github.payguru.merchant.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The event files of {@code infra/events/<function>/<case>.json}, shared with {@code sam local invoke}. */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Fixtures() {
    }

    public static Path path(String function, String testCase) {
        return Path.of("infra", "events", function, testCase + ".json");
    }

    public static String json(String function, String testCase) {
        try {
            return Files.readString(path(function, testCase));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static APIGatewayV2HTTPEvent event(String function, String testCase) {
        try {
            return JSON.readValue(json(function, testCase), APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
