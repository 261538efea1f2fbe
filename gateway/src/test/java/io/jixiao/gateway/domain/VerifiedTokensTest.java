package io.jixiao.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    @Test
    void aVerifiedTokenIsRememberedUntilItExpiresAndNoLonger() {
        VerifiedTokens v = new VerifiedTokens(10, 300_000);
        v.remember("a.b.c", 10_000, 1_000);
        assertTrue(v.isValid("a.b.c", 9_999));
        assertFalse(v.isValid("a.b.c", 10_000));
        assertFalse(v.isValid("a.b.c", 5_000), "once expired it is forgotten");
        assertFalse(v.isValid("a.b.d", 5_000), "only the identical token hits");
    }

    @Test
    void aLongLivedTokenIsReverifiedAfterTheMaximumAgeAndTheCacheStaysBounded() {
        VerifiedTokens v = new VerifiedTokens(2, 1_000);
        v.remember("long", 1_000_000, 0);
        assertTrue(v.isValid("long", 999));
        assertFalse(v.isValid("long", 1_000));
        v.remember("t1", 5_000, 0);
        v.remember("t2", 5_000, 0);
        v.remember("t3", 5_000, 0);
        assertFalse(v.isValid("t1", 1), "full: cleared, not grown");
        assertTrue(v.isValid("t3", 1));
        v.remember("expired", 10, 20);
        assertFalse(v.isValid("expired", 20));
    }
}
