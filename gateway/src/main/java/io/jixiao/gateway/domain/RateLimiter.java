package io.jixiao.gateway.domain;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (a client's subject, or an anonymous device): {@code ratePerSecond} tokens flow in, at most
 * {@code burst} are kept. A refused call learns how many whole seconds to wait ({@code Retry-After}). Bounded: idle
 * buckets (full again) are dropped when the map grows past its capacity. Plain Java, time passed in.
 */
public final class RateLimiter {

    /** {@code allowed}, or not and when to try again (whole seconds, at least 1). */
    public record Decision(boolean allowed, long retryAfterSeconds) {
        static final Decision ALLOWED = new Decision(true, 0);
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private final double perNano;
    private final double burst;
    private final int capacity;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double ratePerSecond, int burst, int capacity) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.perNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.capacity = capacity;
    }

    public Decision acquire(String key, long nowNanos) {
        if (buckets.size() > capacity) {
            buckets.values().removeIf(b -> refilled(b, nowNanos) >= burst);
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nowNanos));
        synchronized (b) {
            b.tokens = refilled(b, nowNanos);
            b.at = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return Decision.ALLOWED;
            }
            double waitNanos = (1 - b.tokens) / perNano;
            return new Decision(false, Math.max(1, (long) Math.ceil(waitNanos / 1e9)));
        }
    }

    private double refilled(Bucket b, long nowNanos) {
        return Math.min(burst, b.tokens + Math.max(0, nowNanos - b.at) * perNano);
    }
}
