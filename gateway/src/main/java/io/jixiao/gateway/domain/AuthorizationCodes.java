package io.jixiao.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The demo issuer's authorization codes (OAuth 2.0 authorization-code grant, RFC 6749 section 4.1, with PKCE, RFC
 * 7636, S256 only): a code is random, lives {@code ttlMillis}, and is redeemed at most once, by the client and
 * redirect URI it was issued to and the verifier whose SHA-256 is its challenge. A failed redemption spends the code
 * too, so a stolen code cannot be tried against many verifiers. Bounded: when full, expired codes are dropped, and
 * if that frees nothing no code is issued until some expire.
 */
public final class AuthorizationCodes {

    /** What a redeemed code grants: who signed in, as which role, for which client. */
    public record Grant(String clientId, String redirectUri, String challenge, String subject, String role,
            String dept) {
    }

    private record Pending(Grant grant, long until) {
    }

    /** A base64url SHA-256 (43 characters, no padding), the only challenge accepted. */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final int capacity;
    private final long ttlMillis;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Pending> codes = new ConcurrentHashMap<>();

    public AuthorizationCodes(int capacity, long ttlMillis) {
        this.capacity = capacity;
        this.ttlMillis = ttlMillis;
    }

    public static boolean validChallenge(String challenge) {
        return challenge != null && CHALLENGE.matcher(challenge).matches();
    }

    /** A new single-use code for the grant, or empty when too many codes wait to be redeemed. */
    public Optional<String> issue(Grant grant, long nowMillis) {
        if (!validChallenge(grant.challenge())) {
            throw new IllegalArgumentException("not an S256 challenge");
        }
        if (codes.size() >= capacity) {
            codes.values().removeIf(p -> p.until() <= nowMillis);
            if (codes.size() >= capacity) {
                return Optional.empty();
            }
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        codes.put(code, new Pending(grant, nowMillis + ttlMillis));
        return Optional.of(code);
    }

    /**
     * The grant of a code, if it is known, unexpired, issued to this client and redirect URI, and the verifier
     * matches its challenge. The code is spent whatever the outcome.
     */
    public Optional<Grant> redeem(String code, String clientId, String redirectUri, String verifier, long nowMillis) {
        Pending p = code == null ? null : codes.remove(code);
        if (p == null || p.until() <= nowMillis) {
            return Optional.empty();
        }
        Grant g = p.grant();
        if (!g.clientId().equals(clientId) || !g.redirectUri().equals(redirectUri)
                || !verifies(verifier, g.challenge())) {
            return Optional.empty();
        }
        return Optional.of(g);
    }

    /** Whether {@code challenge} is the base64url SHA-256 of {@code verifier} (compared in constant time). */
    public static boolean verifies(String verifier, String challenge) {
        if (verifier == null || !VERIFIER.matcher(verifier).matches() || challenge == null) {
            return false;
        }
        return MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }

    /** The S256 challenge of a verifier: base64url, unpadded, of its SHA-256. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
