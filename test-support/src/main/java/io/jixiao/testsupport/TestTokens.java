package io.jixiao.testsupport;

import java.time.Instant;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Signed JWTs for tests, with the issuer and audience the services pin in their test profile. */
public final class TestTokens {

    public static final String ISSUER = "https://jixiao.test/issuer";
    public static final String AUDIENCE = "jixiao";

    private TestTokens() {
    }

    public static String admin() {
        return token("admin-1", "admin", null, null);
    }

    public static String superior(String sub) {
        return token(sub, "superior", null, null);
    }

    public static String department(String dept) {
        return token("dept-" + dept, "department", dept, null);
    }

    public static String assessor(String sub, String org) {
        return token(sub, "assessor", null, org);
    }

    public static String finance() {
        return token("finance-1", "finance", null, null);
    }

    public static String system(String client) {
        return token(client, "system", null, null);
    }

    public static String token(String subject, String role, String dept, String org) {
        return builder(subject, role, dept, org).sign(TestKeys.privateKey());
    }

    /** A builder already filled in, for tests that need a token wrong in one way (expired, other issuer...). */
    public static JwtClaimsBuilder builder(String subject, String role, String dept, String org) {
        JwtClaimsBuilder b = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject).groups(Set.of(role))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(3600));
        if (dept != null) {
            b.claim("dept", dept);
        }
        if (org != null) {
            b.claim("org", org);
        }
        return b;
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
