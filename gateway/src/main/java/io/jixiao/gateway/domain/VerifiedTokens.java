package io.jixiao.gateway.domain;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature, issuer, audience and expiry the gateway has verified, remembered until they expire (at most
 * {@code maxAgeMillis}), so that a client's next calls skip the RSA verification. Only a byte-identical token string
 * hits; anything else is verified in full. Bounded: when full, it is cleared rather than grown. The services verify
 * every token again in any case.
 */
public final class VerifiedTokens {

    private final int capacity;
    private final long maxAgeMillis;
    private final ConcurrentHashMap<String, Long> until = new ConcurrentHashMap<>();

    public VerifiedTokens(int capacity, long maxAgeMillis) {
        this.capacity = capacity;
        this.maxAgeMillis = maxAgeMillis;
    }

    public boolean isValid(String token, long nowMillis) {
        Long t = until.get(token);
        if (t == null) {
            return false;
        }
        if (t <= nowMillis) {
            until.remove(token, t);
            return false;
        }
        return true;
    }

    public void remember(String token, long expiresAtMillis, long nowMillis) {
        if (until.size() >= capacity) {
            until.clear();
        }
        long keep = Math.min(expiresAtMillis, nowMillis + maxAgeMillis);
        if (keep > nowMillis) {
            until.put(token, keep);
        }
    }
}
