package io.jixiao.kit.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The bearer-token check of every service, with the verified tokens remembered. A client sends the same token on
 * every call until it expires; verifying its RS256 signature and claims again each time was about 6% of a rating's
 * CPU in evaluation-service. A token string that passed the full check (signature, algorithm, issuer, audience,
 * expiry) is remembered with its parsed claims until it expires, at most {@link #MAX_AGE_MILLIS}; only a
 * byte-identical string hits, anything else is verified in full by smallrye-jwt. So a key withdrawn from the key set
 * stops admitting its tokens within five minutes, as at the gateway. Bounded: when full, it is cleared rather than
 * grown.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    static final int CAPACITY = 10_000;
    static final long MAX_AGE_MILLIS = 300_000;

    private record Entry(JsonWebToken jwt, long until) {
    }

    private final JWTParser delegate;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Entry> verified = new ConcurrentHashMap<>();

    @Inject
    public CachingJwtParser(DefaultJWTParser delegate) {
        this(delegate, System::currentTimeMillis);
    }

    CachingJwtParser(JWTParser delegate, LongSupplier clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.getAsLong();
        Entry e = verified.get(token);
        if (e != null) {
            if (e.until() > now) {
                return e.jwt();
            }
            verified.remove(token, e);
        }
        JsonWebToken jwt = delegate.parse(token);
        long until = Math.min(jwt.getExpirationTime() * 1000L, now + MAX_AGE_MILLIS);
        if (until > now) {
            if (verified.size() >= CAPACITY) {
                verified.clear();
            }
            verified.put(token, new Entry(jwt, until));
        }
        return jwt;
    }

    /** How many verified tokens are remembered now (for tests and diagnosis). */
    public int remembered() {
        return verified.size();
    }

    // the other ways in verify with keys or settings of their own: never remembered

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
