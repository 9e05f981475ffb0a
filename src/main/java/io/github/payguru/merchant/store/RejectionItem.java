package io.github.payguru.merchant.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.util.Map;

import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A refused request (wrong key or token, source not allowed), masked, kept under {@code REJECT#<day>} until its TTL
 * (the notification log retention), with the answer it was given. At most a configured number per source network
 * and minute are kept ({@code callback/NotificationRecorder#reject}).
 */
public class RejectionItem {

    public static final StaticTableSchema<RejectionItem> SCHEMA = StaticTableSchema
            .builder(RejectionItem.class)
            .newItemSupplier(RejectionItem::new)
            .addAttribute(String.class, a -> a.name(TableLayout.PK).getter(i -> i.pk).setter((i, v) -> i.pk = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(TableLayout.SK).getter(i -> i.sk).setter((i, v) -> i.sk = v)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("kind").getter(i -> i.kind).setter((i, v) -> i.kind = v))
            .addAttribute(EnhancedType.mapOf(String.class, String.class),
                    a -> a.name("params").getter(i -> i.params).setter((i, v) -> i.params = v))
            .addAttribute(String.class, a -> a.name("outcome").getter(i -> i.outcome).setter((i, v) -> i.outcome = v))
            .addAttribute(String.class, a -> a.name("detail").getter(i -> i.detail).setter((i, v) -> i.detail = v))
            .addAttribute(Integer.class,
                    a -> a.name("answerStatus").getter(i -> i.answerStatus).setter((i, v) -> i.answerStatus = v))
            .addAttribute(String.class,
                    a -> a.name("answerType").getter(i -> i.answerType).setter((i, v) -> i.answerType = v))
            .addAttribute(String.class,
                    a -> a.name("answerBody").getter(i -> i.answerBody).setter((i, v) -> i.answerBody = v))
            .addAttribute(String.class, a -> a.name("sourceIp").getter(i -> i.sourceIp).setter((i, v) -> i.sourceIp = v))
            .addAttribute(String.class,
                    a -> a.name("receivedAt").getter(i -> i.receivedAt).setter((i, v) -> i.receivedAt = v))
            .addAttribute(Long.class,
                    a -> a.name(TableLayout.EXPIRES_AT).getter(i -> i.expiresAt).setter((i, v) -> i.expiresAt = v))
            .build();

    public String pk;
    public String sk;
    /** The handler name, e.g. {@code phs-notify}. */
    public String kind;
    /** The parameters as received, masked. */
    public Map<String, String> params;
    /** Always {@code rejected}. */
    public String outcome;
    public String detail;
    public Integer answerStatus;
    public String answerType;
    public String answerBody;
    /** The source's network only, {@code 198.51.100.0/24} or {@code 2001:db8:1::/48} (KVKK), never the address. */
    public String sourceIp;
    public String receivedAt;
    public Long expiresAt;
}
