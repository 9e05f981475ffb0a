package io.github.payguru.merchant.lambda;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import io.github.payguru.merchant.events.StreamPublisher;
import io.github.payguru.merchant.events.StreamRecords;
import io.github.payguru.merchant.kernel.Metrics;

/**
 * The table's DynamoDB stream (event source mapping with {@code ReportBatchItemFailures}): publishes one change
 * event per applied state change to the EventBridge bus and answers the records to retry as
 * {@code {"batchItemFailures":[{"itemIdentifier":"<sequence number>"}]}}. Read and answered as plain maps.
 */
@Named("event-publisher")
public class EventPublisherHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Inject
    StreamPublisher publisher;

    @Inject
    Metrics metrics;

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> streamEvent, Context context) {
        StreamPublisher.Outcome outcome = publisher.publish(StreamRecords.fromLambdaEvent(streamEvent));
        metrics.emit(Map.of(), new Metrics.Measure("EventsPublished", Metrics.Unit.COUNT, outcome.published().size()),
                new Metrics.Measure("EventRecordsFailed", Metrics.Unit.COUNT, outcome.failed().size()));
        List<Map<String, String>> failures = outcome.failed().stream().map(id -> Map.of("itemIdentifier", id)).toList();
        return Map.of("batchItemFailures", failures);
    }
}
