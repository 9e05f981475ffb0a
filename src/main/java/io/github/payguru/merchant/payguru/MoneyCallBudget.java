package io.github.payguru.merchant.payguru;

import java.time.Duration;

/**
 * The worst case of one money call (MP refund, cancel) counted from the moment its lock is stamped, from which the
 * lock's lifetime is derived — so a lock never expires while its call may still be on the wire:
 * <ol>
 * <li>the lock write itself (one DynamoDB call, at most {@code storeCall});</li>
 * <li>the shared rate limit taken just before sending ({@link RateLimiter}: the second and the day window, two
 * DynamoDB calls; it refuses, it never waits);</li>
 * <li>the call: one attempt ({@link PayguruCalls.Mode#MONEY} never repeats), connect within {@code connect}
 * (name lookup, TCP, TLS), then the <em>whole</em> answer within {@code read} — a deadline, not a per-read
 * timeout ({@link PayguruHttp#getAtMostOnce});</li>
 * <li>a margin for clock differences between the hosts that compare the lock's stamp, and pauses.</li>
 * </ol>
 * The function's timeout must be at least this (TemplateTest checks infra/template.yaml against the defaults).
 *
 * @param connect the connect timeout
 * @param read the read deadline of a money call
 * @param storeCall the longest one DynamoDB call may take ({@code quarkus.dynamodb.api-call-timeout})
 * @param margin clock differences and pauses ({@code payguru.api.money-call-margin})
 */
public record MoneyCallBudget(Duration connect, Duration read, Duration storeCall, Duration margin) {

    /** DynamoDB calls between the lock's stamp and the request on the wire: the lock write, two rate-limit windows. */
    public static final int STORE_CALLS_BEFORE_SENDING = 3;

    public static MoneyCallBudget of(PayguruApiConfig api, Duration storeCall) {
        return new MoneyCallBudget(api.connectTimeout(), api.readTimeout(), storeCall, api.moneyCallMargin());
    }

    /** The longest the call itself takes: one connect and one whole answer. */
    public Duration call() {
        return connect.plus(read);
    }

    /** The longest from the lock's stamp to the end of the call: the lock's lifetime. */
    public Duration lockTtl() {
        return storeCall.multipliedBy(STORE_CALLS_BEFORE_SENDING).plus(call()).plus(margin);
    }
}
