package io.github.payguru.merchant.support;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Counts DynamoDB API calls by operation (registered for tests in application.properties). */
public class DynamoCalls implements ExecutionInterceptor {

    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    /** Items written by TransactWriteItems calls (puts, updates, deletes and condition checks alike). */
    private static final AtomicInteger TRANSACT_ITEMS = new AtomicInteger();
    /** The last UpdateItem request sent (the benchmark replays a notification's own write). */
    private static final AtomicReference<UpdateItemRequest> LAST_UPDATE = new AtomicReference<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        CALLS.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
        if (context.request() instanceof TransactWriteItemsRequest t) {
            TRANSACT_ITEMS.addAndGet(t.transactItems().size());
        }
        if (context.request() instanceof UpdateItemRequest u) {
            LAST_UPDATE.set(u);
        }
    }

    /** The last UpdateItem request any client in this JVM sent. */
    public static UpdateItemRequest lastUpdate() {
        return LAST_UPDATE.get();
    }

    /** Items in all TransactWriteItems calls so far. */
    public static int transactItems() {
        return TRANSACT_ITEMS.get();
    }

    /** A copy of the counts so far. */
    public static Map<String, Integer> snapshot() {
        Map<String, Integer> out = new TreeMap<>();
        CALLS.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Calls made since {@code before}, by operation, zero counts left out. */
    public static Map<String, Integer> since(Map<String, Integer> before) {
        Map<String, Integer> out = new TreeMap<>();
        snapshot().forEach((k, v) -> {
            int d = v - before.getOrDefault(k, 0);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }
}
