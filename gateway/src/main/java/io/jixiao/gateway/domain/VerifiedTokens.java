package io.jixiao.gateway.domain;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature, issuer, audience and expiry the gateway has verified, remembered with their caller until
 * they expire (at most {@code maxAgeMillis}), so that a client's next calls skip the RSA verification. Only a
 * byte-identical token string hits; anything else is verified in full. Bounded: when full, it is cleared rather than
 * grown. The services verify every token again in any case.
 */
public final class VerifiedTokens {

    /** Who a verified token speaks for: its subject (or client id) and its roles. */
    public record Caller(String subject, Set<String> roles) {
    }

    private record Entry(Caller caller, long until) {
    }

    private final int capacity;
    private final long maxAgeMillis;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public VerifiedTokens(int capacity, long maxAgeMillis) {
        this.capacity = capacity;
        this.maxAgeMillis = maxAgeMillis;
    }

    public Optional<Caller> lookup(String token, long nowMillis) {
        Entry e = entries.get(token);
        if (e == null) {
            return Optional.empty();
        }
        if (e.until() <= nowMillis) {
            entries.remove(token, e);
            return Optional.empty();
        }
        return Optional.of(e.caller());
    }

    public void remember(String token, Caller caller, long expiresAtMillis, long nowMillis) {
        if (entries.size() >= capacity) {
            entries.clear();
        }
        long keep = Math.min(expiresAtMillis, nowMillis + maxAgeMillis);
        if (keep > nowMillis) {
            entries.put(token, new Entry(caller, keep));
        }
    }
}
