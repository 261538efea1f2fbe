package io.jixiao.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    static final long S = 1_000_000_000L;

    @Test
    void aBurstPassesThenCallsAreRefusedWithTheWaitUntilATokenFlowsIn() {
        RateLimiter l = new RateLimiter(2, 3, 100);
        for (int i = 0; i < 3; i++) {
            assertTrue(l.acquire("c", 0).allowed());
        }
        RateLimiter.Decision refused = l.acquire("c", 0);
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds());
        assertFalse(l.acquire("c", S / 4).allowed(), "half a token after 250 ms at 2/s");
        assertTrue(l.acquire("c", S / 2).allowed(), "one token after 500 ms");
        assertTrue(l.acquire("other", 0).allowed(), "buckets are per key");
    }

    @Test
    void aSlowRateAsksForALongerWaitAndRefillStopsAtTheBurst() {
        RateLimiter l = new RateLimiter(0.1, 1, 100);
        assertTrue(l.acquire("d", 0).allowed());
        assertEquals(10, l.acquire("d", 0).retryAfterSeconds());
        RateLimiter fast = new RateLimiter(10, 2, 100);
        fast.acquire("k", 0);
        fast.acquire("k", 0);
        assertTrue(fast.acquire("k", 3600 * S).allowed());
        assertTrue(fast.acquire("k", 3600 * S).allowed());
        assertFalse(fast.acquire("k", 3600 * S).allowed(), "an hour idle still gives only the burst");
    }

    @Test
    void idleBucketsAreDroppedWhenTheMapOutgrowsItsCapacity() {
        RateLimiter l = new RateLimiter(1, 1, 2);
        l.acquire("a", 0);
        l.acquire("b", 0);
        l.acquire("c", 0);
        // at 10 s a, b and c are full again: dropped, so "a" starts a fresh, full bucket
        assertTrue(l.acquire("x", 10 * S).allowed());
        assertTrue(l.acquire("a", 10 * S).allowed());
    }
}
