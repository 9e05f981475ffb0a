package io.github.payguru.merchant.events;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One DynamoDB stream record, whatever brought it (the Lambda event source mapping or the local poller).
 *
 * @param sequenceNumber the record's sequence number: the {@code itemIdentifier} of a batch item failure
 * @param eventName INSERT, MODIFY or REMOVE
 * @param oldImage the item before the write (absent for INSERT)
 * @param newImage the item after the write (absent for REMOVE)
 */
public record ChangeRecord(String sequenceNumber, String eventName, Map<String, AttributeValue> oldImage,
        Map<String, AttributeValue> newImage) {

    public ChangeRecord {
        oldImage = oldImage == null ? Map.of() : oldImage;
        newImage = newImage == null ? Map.of() : newImage;
    }
}
