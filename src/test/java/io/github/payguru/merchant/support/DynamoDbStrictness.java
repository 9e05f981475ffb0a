package io.github.payguru.merchant.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What DynamoDB refuses and the local emulator (moto 5.2) lets through: an
 * {@code ExpressionAttributeValues} or {@code ExpressionAttributeNames} entry that no expression of
 * the request uses ("Value provided in ExpressionAttributeValues unused in expressions"). Tests fail
 * such a request here instead of passing on the emulator and failing in AWS. Registered for tests in
 * {@code application.properties}; see src/site/markdown/local-run-and-simulator.md "Local DynamoDB".
 */
public class DynamoDbStrictness implements ExecutionInterceptor {

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
        if (r instanceof UpdateItemRequest u) {
            check("UpdateItem", u.expressionAttributeValues(), u.expressionAttributeNames(), u.updateExpression(),
                    u.conditionExpression());
        } else if (r instanceof PutItemRequest p) {
            check("PutItem", p.expressionAttributeValues(), p.expressionAttributeNames(), p.conditionExpression());
        } else if (r instanceof DeleteItemRequest d) {
            check("DeleteItem", d.expressionAttributeValues(), d.expressionAttributeNames(), d.conditionExpression());
        } else if (r instanceof GetItemRequest g) {
            check("GetItem", Map.of(), g.expressionAttributeNames(), g.projectionExpression());
        } else if (r instanceof QueryRequest q) {
            check("Query", q.expressionAttributeValues(), q.expressionAttributeNames(), q.keyConditionExpression(),
                    q.filterExpression(), q.projectionExpression());
        } else if (r instanceof ScanRequest s) {
            check("Scan", s.expressionAttributeValues(), s.expressionAttributeNames(), s.filterExpression(),
                    s.projectionExpression());
        } else if (r instanceof TransactWriteItemsRequest t) {
            t.transactItems().forEach(DynamoDbStrictness::check);
        }
    }

    private static void check(TransactWriteItem i) {
        if (i.put() != null) {
            check("TransactWriteItems.Put", i.put().expressionAttributeValues(), i.put().expressionAttributeNames(),
                    i.put().conditionExpression());
        }
        if (i.update() != null) {
            check("TransactWriteItems.Update", i.update().expressionAttributeValues(),
                    i.update().expressionAttributeNames(), i.update().updateExpression(), i.update().conditionExpression());
        }
        if (i.delete() != null) {
            check("TransactWriteItems.Delete", i.delete().expressionAttributeValues(),
                    i.delete().expressionAttributeNames(), i.delete().conditionExpression());
        }
        if (i.conditionCheck() != null) {
            check("TransactWriteItems.ConditionCheck", i.conditionCheck().expressionAttributeValues(),
                    i.conditionCheck().expressionAttributeNames(), i.conditionCheck().conditionExpression());
        }
    }

    private static void check(String operation, Map<String, ?> values, Map<String, String> names, String... expressions) {
        String all = String.join(" ", Arrays.stream(expressions).filter(Objects::nonNull).toList());
        List<String> unused = new ArrayList<>();
        for (String token : values == null ? List.<String> of() : values.keySet()) {
            if (!used(token, all)) {
                unused.add(token);
            }
        }
        for (String token : names == null ? List.<String> of() : names.keySet()) {
            if (!used(token, all)) {
                unused.add(token);
            }
        }
        if (!unused.isEmpty()) {
            throw new IllegalStateException(operation + ": DynamoDB refuses expression attributes no expression uses: "
                    + unused + " in [" + all + "]");
        }
    }

    private static boolean used(String token, String expressions) {
        return Pattern.compile(Pattern.quote(token) + "(?![A-Za-z0-9_])").matcher(expressions).find();
    }
}
