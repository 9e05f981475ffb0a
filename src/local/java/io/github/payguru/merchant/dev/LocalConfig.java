package io.github.payguru.merchant.dev;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The local run's settings ({@code ./mvnw quarkus:dev} and the tests); not part of the functions. */
@ConfigMapping(prefix = "payguru.local")
public interface LocalConfig {

    /** Port of the local DynamoDB emulator of {@code quarkus:dev} (tests pick a free port). */
    @WithDefault("8000")
    int dynamodbPort();

    /** How often the local run reads the table's stream to publish change events (0 = only when asked: tests). */
    @WithDefault("PT0.5S")
    Duration eventsPoll();
}
