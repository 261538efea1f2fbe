package io.jixiao.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

    @Test
    void opensAfterTheThresholdThenLetsOneTrialThroughAndClosesOnItsSuccess() {
        CircuitBreakers b = new CircuitBreakers(3, 10_000);
        b.failure("budget", 0);
        b.failure("budget", 0);
        assertTrue(b.allow("budget", 0), "two failures: still closed");
        b.failure("budget", 100);
        assertEquals(CircuitBreakers.State.OPEN, b.state("budget", 100));
        assertFalse(b.allow("budget", 5_000));
        assertEquals(6, b.retryAfterSeconds("budget", 5_000));
        assertTrue(b.allow("indicator", 5_000), "breakers are per route");
        assertEquals(CircuitBreakers.State.HALF_OPEN, b.state("budget", 10_100));
        assertTrue(b.allow("budget", 10_100), "one trial");
        assertFalse(b.allow("budget", 10_100), "only one trial at a time");
        b.success("budget");
        assertEquals(CircuitBreakers.State.CLOSED, b.state("budget", 10_200));
        assertTrue(b.allow("budget", 10_200));
    }

    @Test
    void aFailedTrialOpensItAgain() {
        CircuitBreakers b = new CircuitBreakers(1, 1_000);
        b.failure("x", 0);
        assertTrue(b.allow("x", 1_000));
        b.failure("x", 1_000);
        assertFalse(b.allow("x", 1_500));
        assertTrue(b.allow("x", 2_000));
    }

    @Test
    void anAbandonedTrialLetsTheNextOneThroughAndCountsForNothing() {
        CircuitBreakers b = new CircuitBreakers(2, 1_000);
        b.failure("x", 0);
        b.abandoned("x");
        assertEquals(CircuitBreakers.State.CLOSED, b.state("x", 0), "an abandoned call is no failure");
        b.failure("x", 0);
        assertTrue(b.allow("x", 1_000), "the trial");
        assertFalse(b.allow("x", 1_000));
        b.abandoned("x");
        assertEquals(CircuitBreakers.State.HALF_OPEN, b.state("x", 1_000), "still not known to work");
        assertTrue(b.allow("x", 1_000), "another trial, instead of staying open for good");
    }
}
