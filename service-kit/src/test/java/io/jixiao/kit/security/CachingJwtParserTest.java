package io.jixiao.kit.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

class CachingJwtParserTest {

    private static final long NOW = 1_800_000_000_000L;

    private final AtomicLong clock = new AtomicLong(NOW);
    /** What the full check answers per token: its expiry in epoch seconds, or absent for a refused token. */
    private final Map<String, Long> valid = new HashMap<>();
    private final Map<String, Integer> verifications = new HashMap<>();
    private final CachingJwtParser parser = new CachingJwtParser(fullCheck(), clock::get);

    @Test
    void aTokenIsVerifiedOnceAndAnsweredFromMemoryAfterwards() throws ParseException {
        valid.put("a", NOW / 1000 + 3600);
        JsonWebToken first = parser.parse("a");
        assertSame(first, parser.parse("a"));
        assertSame(first, parser.parse("a"));
        assertEquals(1, verifications.get("a"));
    }

    @Test
    void anyOtherStringIsVerifiedInFullAndARefusalIsNotRemembered() throws ParseException {
        valid.put("a", NOW / 1000 + 3600);
        parser.parse("a");
        assertThrows(ParseException.class, () -> parser.parse("a "));
        assertThrows(ParseException.class, () -> parser.parse("a "));
        assertEquals(2, verifications.get("a "));
        assertEquals(1, parser.remembered());
    }

    @Test
    void aTokenIsVerifiedAgainOnceItExpires() throws ParseException {
        valid.put("short", NOW / 1000 + 60);
        parser.parse("short");
        clock.set(NOW + 59_999);
        parser.parse("short");
        assertEquals(1, verifications.get("short"));
        clock.set(NOW + 60_000);
        valid.remove("short"); // the full check now refuses it (expired beyond the clock skew)
        assertThrows(ParseException.class, () -> parser.parse("short"));
        assertEquals(2, verifications.get("short"));
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterFiveMinutes() throws ParseException {
        valid.put("long", NOW / 1000 + 86_400);
        parser.parse("long");
        clock.set(NOW + CachingJwtParser.MAX_AGE_MILLIS - 1);
        parser.parse("long");
        assertEquals(1, verifications.get("long"));
        clock.set(NOW + CachingJwtParser.MAX_AGE_MILLIS);
        parser.parse("long");
        assertEquals(2, verifications.get("long"));
    }

    @Test
    void aTokenPastItsExpiryButWithinTheClockSkewIsNeverRemembered() throws ParseException {
        valid.put("skewed", NOW / 1000 - 30);
        parser.parse("skewed");
        parser.parse("skewed");
        assertEquals(2, verifications.get("skewed"));
        assertEquals(0, parser.remembered());
    }

    @Test
    void theMemoryIsBounded() throws ParseException {
        for (int i = 0; i <= CachingJwtParser.CAPACITY; i++) {
            valid.put("t" + i, NOW / 1000 + 3600);
            parser.parse("t" + i);
        }
        assertEquals(1, parser.remembered());
    }

    private JWTParser fullCheck() {
        return (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{JWTParser.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("parse") || args.length != 1) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String token = (String) args[0];
                    verifications.merge(token, 1, Integer::sum);
                    Long exp = valid.get(token);
                    if (exp == null) {
                        throw new ParseException("refused: " + token);
                    }
                    return token(exp);
                });
    }

    private static JsonWebToken token(long exp) {
        return (JsonWebToken) Proxy.newProxyInstance(CachingJwtParserTest.class.getClassLoader(),
                new Class<?>[]{JsonWebToken.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getExpirationTime" -> exp;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
