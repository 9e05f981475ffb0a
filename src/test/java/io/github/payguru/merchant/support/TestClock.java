package io.github.payguru.merchant.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The clock of every component in tests, in place of the system clock the functions get: it follows the
 * system clock until a test pins it (token expiry, rate-limit windows, lock ages). A test that pins must release.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends MutableClock {

    public TestClock() {
        super(null);
    }
}
