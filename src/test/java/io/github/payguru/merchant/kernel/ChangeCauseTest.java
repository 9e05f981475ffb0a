package io.github.payguru.merchant.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What a change read from Payguru's API is attributed to, inside and outside a reconciliation run. */
class ChangeCauseTest {

    @Test
    void reconciliationMarksOnlyWhatItRuns() {
        assertEquals(ChangeCause.API_QUERY, ChangeCause.query());
        ChangeCause[] inside = new ChangeCause[1];
        ChangeCause.reconciling(() -> inside[0] = ChangeCause.query());
        assertEquals(ChangeCause.RECONCILIATION, inside[0]);
        assertEquals(ChangeCause.API_QUERY, ChangeCause.query(), "restored after the run");
        assertThrows(IllegalStateException.class, () -> ChangeCause.reconciling(() -> {
            throw new IllegalStateException("Payguru failed");
        }));
        assertEquals(ChangeCause.API_QUERY, ChangeCause.query(), "restored after a failure");
        assertEquals("api-query", ChangeCause.API_QUERY.label());
        assertEquals("reconciliation", ChangeCause.RECONCILIATION.label());
    }
}
