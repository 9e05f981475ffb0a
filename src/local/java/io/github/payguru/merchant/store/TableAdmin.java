package io.github.payguru.merchant.store;

import java.util.List;

import org.jboss.logging.Logger;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Creates the table as {@code infra/template.yaml} declares it. Used by the local run and the
 * tests against the local emulator; in AWS the table comes from the SAM template.
 */
public final class TableAdmin {

    private static final Logger LOG = Logger.getLogger(TableAdmin.class);

    private TableAdmin() {
    }

    /** Drops the table if it exists and creates it empty (tests: each Quarkus start begins clean). */
    public static void recreate(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.deleteTable(b -> b.tableName(tableName));
        } catch (ResourceNotFoundException absent) {
            // nothing to drop
        }
        createIfMissing(dynamo, tableName);
    }

    public static void createIfMissing(DynamoDbClient dynamo, String tableName) {
        try {
            dynamo.describeTable(b -> b.tableName(tableName));
            return;
        } catch (ResourceNotFoundException expected) {
            // create it below
        }
        try {
            dynamo.createTable(b -> b.tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            string(TableLayout.PK), string(TableLayout.SK),
                            string(TableLayout.GSI1_PK), string(TableLayout.GSI1_SK),
                            string(TableLayout.OPEN_PK), string(TableLayout.OPEN_SK))
                    .keySchema(hash(TableLayout.PK), range(TableLayout.SK))
                    .globalSecondaryIndexes(
                            index(TableLayout.BY_ORDER, TableLayout.GSI1_PK, TableLayout.GSI1_SK),
                            index(TableLayout.OPEN_ITEMS, TableLayout.OPEN_PK, TableLayout.OPEN_SK))
                    // the change events are published from the stream (events/, src/site/markdown/change-events.md)
                    .streamSpecification(st -> st.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
            dynamo.updateTimeToLive(b -> b.tableName(tableName)
                    .timeToLiveSpecification(t -> t.enabled(true).attributeName(TableLayout.EXPIRES_AT)));
            LOG.infof("created DynamoDB table %s", tableName);
        } catch (ResourceInUseException raced) {
            // another starter created it meanwhile
        }
    }

    private static GlobalSecondaryIndex index(String name, String pk, String sk) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(List.of(hash(pk), range(sk)))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}
