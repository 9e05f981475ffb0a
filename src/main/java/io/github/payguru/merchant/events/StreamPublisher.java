package io.github.payguru.merchant.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.payguru.merchant.kernel.Masking;

/**
 * Publishes the change events of a batch of stream records, in stream order, {@value EventSink#MAX_ENTRIES} per
 * call. Records that change no reported state publish nothing and succeed. At the first record that cannot be
 * published (its entry refused, the call failed, its image unreadable) the batch stops: that record and every
 * later one are reported as failed, so Lambda resumes the shard there ({@code ReportBatchItemFailures}) and no
 * change of an item is published before an earlier one. What was put before the failure may be put again on the
 * retry, with the same {@code eventId}: consumers dedupe by it.
 */
@ApplicationScoped
public class StreamPublisher {

    private static final Logger LOG = Logger.getLogger(StreamPublisher.class);

    /**
     * What a batch did.
     *
     * @param published the events accepted, in stream order
     * @param failed sequence numbers of the records to hand back (the first failure and everything after it)
     */
    public record Outcome(List<ChangeEvent> published, List<String> failed) {
    }

    private final EventSink sink;

    @Inject
    public StreamPublisher(EventSink sink) {
        this.sink = sink;
    }

    public Outcome publish(List<ChangeRecord> records) {
        List<ChangeEvent> published = new ArrayList<>();
        List<ChangeRecord> pendingRecords = new ArrayList<>();
        List<ChangeEvent> pending = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ChangeRecord r = records.get(i);
            Optional<ChangeEvent> event;
            try {
                event = EventDerivation.derive(r.oldImage(), r.newImage());
            } catch (RuntimeException e) {
                LOG.errorf("stream record %s cannot be read: %s", r.sequenceNumber(), e.getMessage());
                int failedAt = flush(pending, pendingRecords, published);
                return failedAt >= 0 ? fail(published, pendingRecords.get(failedAt), records)
                        : fail(published, r, records);
            }
            if (event.isEmpty()) {
                continue;
            }
            pending.add(event.get());
            pendingRecords.add(r);
            if (pending.size() == EventSink.MAX_ENTRIES) {
                int failedAt = flush(pending, pendingRecords, published);
                if (failedAt >= 0) {
                    return fail(published, pendingRecords.get(failedAt), records);
                }
                pending.clear();
                pendingRecords.clear();
            }
        }
        int failedAt = flush(pending, pendingRecords, published);
        return failedAt >= 0 ? fail(published, pendingRecords.get(failedAt), records) : new Outcome(published, List.of());
    }

    /** Puts the pending events; returns the index of the first one not accepted, or -1. */
    private int flush(List<ChangeEvent> pending, List<ChangeRecord> pendingRecords, List<ChangeEvent> published) {
        if (pending.isEmpty()) {
            return -1;
        }
        List<String> errors;
        try {
            errors = sink.put(List.copyOf(pending));
        } catch (RuntimeException e) {
            LOG.errorf("PutEvents failed for %d events: %s", pending.size(), e.getClass().getSimpleName());
            return 0;
        }
        for (int i = 0; i < pending.size(); i++) {
            ChangeEvent e = pending.get(i);
            String error = i < errors.size() ? errors.get(i) : "NoResult";
            if (error != null) {
                LOG.errorf("event %s (%s, %s v%d, record %s) refused: %s", e.eventId(), e.detailType(), Masking.text(e.subject()),
                        e.sequence(), pendingRecords.get(i).sequenceNumber(), error);
                return i;
            }
            published.add(e);
            LOG.infof("event %s %s %s v%d change=%s status=%s orderChange=%s cause=%s", e.detailType(), e.eventId(),
                    Masking.text(e.subject()), e.sequence(), e.text("change"), e.detail().path("status").path("code").asText(null),
                    e.text("orderChange"), e.text("cause"));
        }
        return -1;
    }

    private static Outcome fail(List<ChangeEvent> published, ChangeRecord first, List<ChangeRecord> records) {
        List<String> failed = new ArrayList<>();
        boolean from = false;
        for (ChangeRecord r : records) {
            from |= r == first;
            if (from) {
                failed.add(r.sequenceNumber());
            }
        }
        return new Outcome(published, failed);
    }
}
