package io.github.payguru.merchant.dev;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.payguru.PayguruConfig;
import io.github.payguru.merchant.store.StoreConfig;
import io.github.payguru.merchant.store.TableAdmin;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./mvnw quarkus:dev}: starts the local DynamoDB emulator (moto's server, see
 * {@link DynamoDbEmulator}) on {@code payguru.local.dynamodb-port} and creates the table. It keeps
 * running across live reloads (data survives a code change) and ends with the JVM. Removed at
 * build time from every other profile.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class LocalDynamoDb {

    private static final Logger LOG = Logger.getLogger(LocalDynamoDb.class);

    void start(@Observes @Priority(10) StartupEvent event, DynamoDbClient dynamo, PayguruConfig config, LocalConfig local,
            StoreConfig store) {
        String endpoint;
        try {
            endpoint = DynamoDbEmulator.sharedEndpoint(local.dynamodbPort());
        } catch (DynamoDbEmulator.EmulatorMissing e) {
            LOG.error(e.getMessage());
            Quarkus.asyncExit(1);
            return;
        }
        LOG.infof("Local DynamoDB (moto, in memory) on %s", endpoint);
        TableAdmin.createIfMissing(dynamo, store.table().name());
        LOG.infof("Payguru merchant functions, local run: %s", config.describe());
    }
}
