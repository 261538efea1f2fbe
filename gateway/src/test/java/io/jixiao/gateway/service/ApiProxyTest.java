package io.jixiao.gateway.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.TestKeys;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(EchoUpstream.class)
class ApiProxyTest {

    @Test
    void forwardsMethodPathQueryBodyAndHeadersAndRelaysTheAnswer() {
        given().auth().oauth2(TestTokens.admin()).header("X-Request-Id", "abc-123").contentType(ContentType.JSON)
                .body("{\"hello\":\"世界\"}").post("/api/v1/values?x=1")
                .then().statusCode(200).header("X-Request-Id", "abc-123").header("X-Upstream", "echo")
                .body("method", equalTo("POST")).body("uri", equalTo("/api/v1/values?x=1"))
                .body("body", equalTo("{\"hello\":\"世界\"}"))
                .body("headers.'x-request-id'", equalTo("abc-123"))
                .body("headers.authorization", startsWith("Bearer "))
                .body("headers.'x-forwarded-for'", notNullValue());
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/X/satisfaction?period=2026").then()
                .statusCode(200).body("uri", equalTo("/api/v1/subjects/X/satisfaction?period=2026"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/indicators/missing").then().statusCode(404)
                .body("uri", equalTo("/api/v1/indicators/missing"));
    }

    @Test
    void aHeaderInjectionInTheRequestIdIsReplaced() {
        given().auth().oauth2(TestTokens.admin()).header("X-Request-Id", "x\"; drop table").get("/api/v1/subjects")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("headers.'x-request-id'", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void publicSurveyPathsNeedNoToken() {
        given().get("/api/v1/public/surveys/42").then().statusCode(200).body("uri",
                equalTo("/api/v1/public/surveys/42"));
    }

    @Test
    void missingForgedExpiredUnsignedAndForeignTokensAre401Problems() {
        given().get("/api/v1/subjects").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("status", equalTo(401));
        given().auth().oauth2("garbage").get("/api/v1/subjects").then().statusCode(401);
        String expired = TestTokens.builder("x", "admin", null, null).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).sign(TestKeys.privateKey());
        given().auth().oauth2(expired).get("/api/v1/subjects").then().statusCode(401);
        String wrongIssuer = TestTokens.builder("x", "admin", null, null).issuer("https://evil.example")
                .sign(TestKeys.privateKey());
        given().auth().oauth2(wrongIssuer).get("/api/v1/subjects").then().statusCode(401);
        String wrongAudience = TestTokens.builder("x", "admin", null, null).audience("someone-else")
                .sign(TestKeys.privateKey());
        given().auth().oauth2(wrongAudience).get("/api/v1/subjects").then().statusCode(401);
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String body = b64(
                "{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\"jixiao\",\"sub\":\"x\",\"groups\":[\"admin\"],"
                        + "\"exp\":" + (Instant.now().getEpochSecond() + 3600) + "}");
        given().auth().oauth2(header + "." + body + ".").get("/api/v1/subjects").then().statusCode(401);
    }

    @Test
    void unknownRoutesAre404AndADownServiceIs502() {
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").body("instance", equalTo("/api/v1/nothing-here"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles").then().statusCode(502)
                .contentType("application/problem+json").body("detail", equalTo("evaluation-service is unavailable"))
                .body("requestId", notNullValue());
    }

    @Test
    void theDemoIssuersTokensAreAccepted() {
        String token = given().queryParam("role", "department").queryParam("dept", "FIN").get("/auth/token").then()
                .statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).get("/api/v1/subjects").then().statusCode(200);
        given().get("/auth/jwks").then().statusCode(200).body("keys[0].kty", equalTo("RSA"));
        given().queryParam("role", "emperor").get("/auth/token").then().statusCode(400)
                .contentType("application/problem+json");
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes());
    }
}
