package io.jixiao.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    static final VerifiedTokens.Caller ADMIN = new VerifiedTokens.Caller("a", Set.of("admin"));

    @Test
    void aVerifiedTokenIsRememberedWithItsCallerUntilItExpiresAndNoLonger() {
        VerifiedTokens v = new VerifiedTokens(10, 300_000);
        v.remember("a.b.c", ADMIN, 10_000, 1_000);
        assertEquals(ADMIN, v.lookup("a.b.c", 9_999).orElseThrow());
        assertFalse(v.lookup("a.b.c", 10_000).isPresent());
        assertFalse(v.lookup("a.b.c", 5_000).isPresent(), "once expired it is forgotten");
        assertFalse(v.lookup("a.b.d", 5_000).isPresent(), "only the identical token hits");
    }

    @Test
    void aLongLivedTokenIsReverifiedAfterTheMaximumAgeAndTheCacheStaysBounded() {
        VerifiedTokens v = new VerifiedTokens(2, 1_000);
        v.remember("long", ADMIN, 1_000_000, 0);
        assertTrue(v.lookup("long", 999).isPresent());
        assertFalse(v.lookup("long", 1_000).isPresent());
        v.remember("t1", ADMIN, 5_000, 0);
        v.remember("t2", ADMIN, 5_000, 0);
        v.remember("t3", ADMIN, 5_000, 0);
        assertFalse(v.lookup("t1", 1).isPresent(), "full: cleared, not grown");
        assertTrue(v.lookup("t3", 1).isPresent());
        v.remember("expired", ADMIN, 10, 20);
        assertFalse(v.lookup("expired", 20).isPresent());
    }
}
