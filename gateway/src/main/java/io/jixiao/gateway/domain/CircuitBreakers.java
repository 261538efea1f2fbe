package io.jixiao.gateway.domain;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One breaker per route (service): after {@code threshold} failures in a row it opens and calls are refused at once
 * for {@code openMillis}; then one trial call is let through (half open), whose success closes it and whose failure
 * opens it again. Plain Java, time passed in.
 */
public final class CircuitBreakers {

    public enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    private static final class Breaker {
        int failures;
        long openUntil;
        boolean trialOut;
    }

    private final int threshold;
    private final long openMillis;
    private final ConcurrentHashMap<String, Breaker> breakers = new ConcurrentHashMap<>();

    public CircuitBreakers(int threshold, long openMillis) {
        this.threshold = threshold;
        this.openMillis = openMillis;
    }

    /** Whether a call to {@code route} may go out now; when it may not, the breaker is open. */
    public boolean allow(String route, long nowMillis) {
        Breaker b = breakers.computeIfAbsent(route, k -> new Breaker());
        synchronized (b) {
            if (b.failures < threshold) {
                return true;
            }
            if (nowMillis < b.openUntil || b.trialOut) {
                return false;
            }
            b.trialOut = true;
            return true;
        }
    }

    public void success(String route) {
        Breaker b = breakers.computeIfAbsent(route, k -> new Breaker());
        synchronized (b) {
            b.failures = 0;
            b.trialOut = false;
        }
    }

    /** A call that ended without telling anything about the route (the caller gave up): only a trial is released. */
    public void abandoned(String route) {
        Breaker b = breakers.computeIfAbsent(route, k -> new Breaker());
        synchronized (b) {
            b.trialOut = false;
        }
    }

    public void failure(String route, long nowMillis) {
        Breaker b = breakers.computeIfAbsent(route, k -> new Breaker());
        synchronized (b) {
            b.failures++;
            b.trialOut = false;
            if (b.failures >= threshold) {
                b.openUntil = nowMillis + openMillis;
            }
        }
    }

    public State state(String route, long nowMillis) {
        Breaker b = breakers.get(route);
        if (b == null || b.failures < threshold) {
            return State.CLOSED;
        }
        synchronized (b) {
            return nowMillis < b.openUntil || b.trialOut ? State.OPEN : State.HALF_OPEN;
        }
    }

    /** Seconds until an open breaker lets a trial through (at least 1). */
    public long retryAfterSeconds(String route, long nowMillis) {
        Breaker b = breakers.get(route);
        return b == null ? 1 : Math.max(1, (b.openUntil - nowMillis + 999) / 1000);
    }
}
