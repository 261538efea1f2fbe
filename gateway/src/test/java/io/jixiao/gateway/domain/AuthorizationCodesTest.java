package io.jixiao.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AuthorizationCodesTest {

    /** RFC 7636 appendix B: this verifier's S256 challenge. */
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final String PORTAL = "http://127.0.0.1:8080/";

    static AuthorizationCodes.Grant grant() {
        return new AuthorizationCodes.Grant("jixiao-portal", PORTAL, CHALLENGE, "portal-admin", "admin", null);
    }

    @Test
    void theChallengeIsTheBase64urlSha256OfTheVerifierAsInTheRfc() {
        assertEquals(CHALLENGE, AuthorizationCodes.s256(VERIFIER));
        assertTrue(AuthorizationCodes.verifies(VERIFIER, CHALLENGE));
        assertFalse(AuthorizationCodes.verifies(VERIFIER.substring(1) + "A", CHALLENGE));
        assertFalse(AuthorizationCodes.verifies("short", AuthorizationCodes.s256("short")), "under 43 characters");
        assertFalse(AuthorizationCodes.verifies(CHALLENGE, CHALLENGE), "the challenge itself is not its verifier");
        assertFalse(AuthorizationCodes.verifies(null, CHALLENGE));
        assertTrue(AuthorizationCodes.validChallenge(CHALLENGE));
        assertFalse(AuthorizationCodes.validChallenge("plain-text-challenge"));
        assertThrows(IllegalArgumentException.class, () -> new AuthorizationCodes(10, 60_000).issue(
                new AuthorizationCodes.Grant("c", PORTAL, "plain", "s", "admin", null), 0));
    }

    @Test
    void aCodeIsRedeemedOnceWithItsVerifierClientAndRedirectUri() {
        AuthorizationCodes codes = new AuthorizationCodes(10, 60_000);
        String code = codes.issue(grant(), 0).orElseThrow();
        assertNotEquals(code, codes.issue(grant(), 0).orElseThrow(), "every code is new");
        assertEquals(grant(), codes.redeem(code, "jixiao-portal", PORTAL, VERIFIER, 1_000).orElseThrow());
        assertFalse(codes.redeem(code, "jixiao-portal", PORTAL, VERIFIER, 1_000).isPresent(), "used once only");
    }

    @Test
    void aWrongVerifierClientOrRedirectUriFailsAndSpendsTheCode() {
        AuthorizationCodes codes = new AuthorizationCodes(10, 60_000);
        String wrongVerifier = codes.issue(grant(), 0).orElseThrow();
        assertFalse(codes.redeem(wrongVerifier, "jixiao-portal", PORTAL, "x".repeat(43), 1).isPresent());
        assertFalse(codes.redeem(wrongVerifier, "jixiao-portal", PORTAL, VERIFIER, 1).isPresent(),
                "a failed attempt spent it");
        String wrongClient = codes.issue(grant(), 0).orElseThrow();
        assertFalse(codes.redeem(wrongClient, "other", PORTAL, VERIFIER, 1).isPresent());
        String wrongRedirect = codes.issue(grant(), 0).orElseThrow();
        assertFalse(codes.redeem(wrongRedirect, "jixiao-portal", "http://evil.example/", VERIFIER, 1).isPresent());
        assertFalse(codes.redeem("never-issued", "jixiao-portal", PORTAL, VERIFIER, 1).isPresent());
        assertFalse(codes.redeem(null, "jixiao-portal", PORTAL, VERIFIER, 1).isPresent());
    }

    @Test
    void aCodeExpiresAndTheStoreStaysBounded() {
        AuthorizationCodes codes = new AuthorizationCodes(2, 60_000);
        String late = codes.issue(grant(), 0).orElseThrow();
        assertFalse(codes.redeem(late, "jixiao-portal", PORTAL, VERIFIER, 60_000).isPresent(), "expired");
        codes.issue(grant(), 0).orElseThrow();
        codes.issue(grant(), 0).orElseThrow();
        assertFalse(codes.issue(grant(), 59_999).isPresent(), "full of live codes: none issued");
        String fresh = codes.issue(grant(), 60_000).orElseThrow();
        assertTrue(codes.redeem(fresh, "jixiao-portal", PORTAL, VERIFIER, 60_001).isPresent(),
                "expired codes made room");
    }
}
