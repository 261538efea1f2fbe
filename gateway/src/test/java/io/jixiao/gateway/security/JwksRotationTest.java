package io.jixiao.gateway.security;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The gateway verifies tokens against the identity provider's JWKS and follows its key rotation: a token signed with
 * a newly published key is accepted without a restart (an unknown key id makes it fetch the set again), a token
 * signed with a key that was never published is not.
 */
@QuarkusTest
@QuarkusTestResource(value = RotatingJwks.class, restrictToAnnotatedClass = true)
class JwksRotationTest {

    @Test
    void aRotatedSigningKeyIsFollowedWithoutARestart() throws InterruptedException {
        given().auth().oauth2(RotatingJwks.token("k1")).get("/api/v1/subjects").then().statusCode(200);
        int fetched = fetches();

        RotatingJwks.publish("k2");
        // jose4j skips a refetch within 300 ms of the last one (a reprieve against hammering the provider)
        Thread.sleep(400);
        given().auth().oauth2(RotatingJwks.token("k2")).get("/api/v1/subjects").then().statusCode(200);
        org.junit.jupiter.api.Assertions.assertTrue(fetches() > fetched,
                "the new key id made the gateway fetch the key set again");

        RotatingJwks.key("rogue");
        given().auth().oauth2(RotatingJwks.token("rogue")).get("/api/v1/subjects").then().statusCode(401)
                .contentType("application/problem+json");
    }

    /** How often the identity provider's key set was fetched, as its server counted. */
    static int fetches() {
        String jwks = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("mp.jwt.verify.publickey.location", String.class);
        return Integer.parseInt(given().get(jwks.replace("/jwks", "/fetches")).asString());
    }
}
