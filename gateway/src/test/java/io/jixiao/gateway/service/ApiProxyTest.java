package io.jixiao.gateway.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.jixiao.gateway.domain.CircuitBreakers;
import io.jixiao.testsupport.TestKeys;
import io.jixiao.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = EchoUpstream.class, restrictToAnnotatedClass = true)
class ApiProxyTest {

    @Inject
    ApiProxy proxy;

    @Inject
    MeterRegistry meters;

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
    void aServicesAbsoluteLocationIsRelayedAsAPathOnTheGateway() {
        given().auth().oauth2(TestTokens.admin()).redirects().follow(false).get("/api/v1/values/created").then()
                .statusCode(200).header("Location", "/api/v1/values/42?v=1");
    }

    @Test
    void aHeaderInjectionInTheRequestIdIsReplaced() {
        given().auth().oauth2(TestTokens.admin()).header("X-Request-Id", "x\"; drop table").get("/api/v1/subjects")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("headers.'x-request-id'", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void publicSurveyPathsNeedNoTokenButEachDeviceIsRateLimited() {
        given().get("/api/v1/public/surveys/42").then().statusCode(200).body("uri",
                equalTo("/api/v1/public/surveys/42"));
        // the test profile allows a device 2 calls a second with a burst of 5
        int refused = 0;
        String retryAfter = null;
        for (int i = 0; i < 10; i++) {
            var r = given().get("/api/v1/public/surveys/42").then().extract();
            if (r.statusCode() == 429) {
                refused++;
                retryAfter = r.header("Retry-After");
                assertEquals("application/problem+json", r.contentType());
            }
        }
        assertTrue(refused >= 4, "refused " + refused);
        assertEquals("1", retryAfter);
        // an authenticated client has its own budget
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects").then().statusCode(200);
    }

    /**
     * Behind a trusted load balancer (127.0.0.1 in this test's configuration) every citizen would otherwise share the
     * balancer's address: one rate limit for a whole city, and one device for the survey's throttle.
     */
    @Test
    void behindATrustedProxyEachForwardedDeviceHasItsOwnLimitAndCannotChooseItsAddress() {
        int refused = 0;
        for (int i = 0; i < 10; i++) {
            refused += given().header("X-Forwarded-For", "198.51.100.1").get("/api/v1/public/surveys/42").then()
                    .extract().statusCode() == 429 ? 1 : 0;
        }
        assertTrue(refused >= 4, "refused " + refused);
        // another citizen behind the same balancer is not refused, and the service is told who it is
        given().header("X-Forwarded-For", "198.51.100.2").get("/api/v1/public/surveys/42").then().statusCode(200)
                .body("headers.'x-forwarded-for'", equalTo("198.51.100.2"));
        // what a device writes before the balancer's entry is its own claim: a new one each call escapes nothing
        refused = 0;
        for (int i = 0; i < 10; i++) {
            var r = given().header("X-Forwarded-For", "6.6.6." + i + ", 198.51.100.3")
                    .get("/api/v1/public/surveys/42").then().extract();
            if (r.statusCode() == 429) {
                refused++;
            } else {
                assertEquals("6.6.6." + i + ", 198.51.100.3", r.path("headers.'x-forwarded-for'"));
            }
        }
        assertTrue(refused >= 4, "refused " + refused);
    }

    @Test
    void rolesAreCheckedPerRouteAtTheDoor() {
        given().auth().oauth2(TestTokens.assessor("a1", "ORG1")).get("/api/v1/budget/projects").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("budget"));
        given().auth().oauth2(TestTokens.assessor("a1", "ORG1")).get("/api/v1/indicators").then().statusCode(200);
        given().auth().oauth2(TestTokens.finance()).get("/api/v1/budget/projects").then().statusCode(200);
        // a superior may use the survey routes, but not survey-service's operations: the refusal says which
        given().auth().oauth2(TestTokens.superior("s1")).get("/api/v1/ops/survey/dead-letters").then()
                .statusCode(403).body("detail", equalTo("your role may not use survey operations routes"));
    }

    @Test
    void oversizedBodiesAre413WhetherDeclaredOrStreamed() {
        byte[] big = new byte[2 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'x');
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(big).post("/api/v1/values")
                .then().statusCode(413).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(new java.io.ByteArrayInputStream(big)).post("/api/v1/values")
                .then().statusCode(413);
        // an import may be larger
        given().auth().oauth2(TestTokens.admin()).contentType("text/csv").body(big)
                .post("/api/v1/budget/executions/import").then().statusCode(200)
                .body("body", equalTo(String.valueOf(big.length)));
    }

    @Test
    void corsAnswersOnlyTheAllowListedPortalOriginsAndEveryResponseCarriesSecurityHeaders() {
        given().header("Origin", "https://portal.example.gov.cn").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/values").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://portal.example.gov.cn")
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/values").then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        given().auth().oauth2(TestTokens.admin()).header("Origin", "https://portal.example.gov.cn")
                .get("/api/v1/subjects").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://portal.example.gov.cn")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"))
                .header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Cache-Control", "no-store");
        given().get("/api/v1/nothing").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
        given().get("/q/health/live").then().header("X-Frame-Options", "DENY")
                .header("X-Request-Id", notNullValue());
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
    void unknownRoutesAre404AndADownServiceIs502UntilItsBreakerOpensAnd503() {
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").body("instance", equalTo("/api/v1/nothing-here"));
        java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r instanceof org.jboss.logmanager.ExtLogRecord e) {
                    logged.add(e.getMdc("requestId"));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger proxyLog = java.util.logging.Logger.getLogger(ApiProxy.class.getName());
        proxyLog.addHandler(capture);
        try {
            given().auth().oauth2(TestTokens.admin()).header("X-Request-Id", "down-1").get("/api/v1/cycles").then()
                    .statusCode(502).contentType("application/problem+json")
                    .body("detail", equalTo("evaluation-service is unavailable")).body("requestId", equalTo("down-1"));
        } finally {
            proxyLog.removeHandler(capture);
        }
        assertTrue(logged.contains("down-1"), "the gateway's log line carries the request id: " + logged);
        // the test profile opens a breaker after 3 failures in a row
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles").then().statusCode(502);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles").then().statusCode(502);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/1").then().statusCode(503)
                .header("Retry-After", notNullValue()).contentType("application/problem+json")
                .body("detail", containsString("evaluation-service"));
        // other routes are unaffected
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects").then().statusCode(200);
    }

    @Test
    void aServiceAnsweringItsOwn503AndCallersThatGiveUpLeaveItsBreakerClosed() throws Exception {
        String admin = TestTokens.admin();
        // a service whose database is away answers 503 with Retry-After itself: it is reachable, and says so
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(admin).get("/api/v1/budget/projects/unavailable").then().statusCode(503)
                    .header("Retry-After", "5").body("uri", equalTo("/api/v1/budget/projects/unavailable"));
        }
        assertEquals(CircuitBreakers.State.CLOSED, proxy.breaker("budget"));
        given().auth().oauth2(admin).get("/api/v1/budget/projects").then().statusCode(200)
                .body("uri", equalTo("/api/v1/budget/projects"));
        // bodies streamed past the size limit, and callers that hang up halfway through their body, are the
        // callers' doing: a stranger sending five of them must not shut a service's route for everyone
        byte[] big = new byte[2 * 1024 * 1024 + 1];
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        double cut = callerEnded("too-large");
        for (int i = 0; i < 5; i++) {
            // a body of unknown length is sent in chunks: the gateway finds out on the way
            java.net.http.HttpRequest post = java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://127.0.0.1:" + io.restassured.RestAssured.port
                            + "/api/v1/surveys"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers
                            .ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                    .build();
            assertEquals(413, http.send(post, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        assertEquals(cut + 5, callerEnded("too-large"), "the gateway cut off each body on the way");
        double before = callerEnded("hung-up");
        for (int i = 0; i < 5; i++) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
                socket.getOutputStream().write(("POST /api/v1/surveys HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + admin + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000\r\n\r\n{\"code\":")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                Thread.sleep(100);
            }
        }
        long until = System.currentTimeMillis() + 10_000;
        while (callerEnded("hung-up") < before + 5 && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertEquals(before + 5, callerEnded("hung-up"), "the gateway noticed each caller hang up");
        assertEquals(CircuitBreakers.State.CLOSED, proxy.breaker("survey"));
        given().auth().oauth2(admin).get("/api/v1/surveys").then().statusCode(200)
                .body("uri", equalTo("/api/v1/surveys"));
    }

    /**
     * Two ordinary endings of an exchange logged an ERROR with a stack trace at the gateway: a caller hanging up in
     * the middle of a large answer (Vert.x's pipe asked the closed response whether its queue was full), and a service
     * answering 413 and closing before it had read the body (the upload's failure had no handler). Neither is an
     * error of the gateway's; each is logged at debug now, and the caller who stayed gets the service's answer.
     */
    @Test
    void aCallerHangingUpMidAnswerOrAServiceRefusingABodyUnreadLogsNoError() throws Exception {
        String admin = TestTokens.admin();
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                    errors.add(r.getLoggerName() + ": " + r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            double before = callerEnded("hung-up");
            for (int i = 0; i < 3; i++) {
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
                    socket.getOutputStream().write(("GET /api/v1/surveys/large HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Bearer " + admin + "\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    socket.getOutputStream().flush();
                    socket.getInputStream().readNBytes(200_000); // a part of the answer, then gone
                }
            }
            long until = System.currentTimeMillis() + 10_000;
            while (callerEnded("hung-up") < before + 3 && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            assertEquals(before + 3, callerEnded("hung-up"), "the gateway noticed each caller hang up");
            // the service's 413 when it comes before the close; when the close comes first (TCP resets a socket
            // closed with a body unread, and what it carried may be lost), a 502: either way, no error of ours
            given().auth().oauth2(admin).contentType("application/json").body(new byte[1024 * 1024])
                    .post("/api/v1/surveys/early-413").then().statusCode(anyOf(is(413), is(502)));
            Thread.sleep(1_500); // the rest of the slow answers, and the closed upload, have run their course
            assertEquals(CircuitBreakers.State.CLOSED, proxy.breaker("survey"));
        } finally {
            root.removeHandler(capture);
        }
        assertEquals(List.of(), errors);
        given().auth().oauth2(admin).get("/api/v1/surveys").then().statusCode(200);
    }

    @Test
    void aHostHeaderThatIsNotAHostIsA400ProblemWithTheSecurityHeaders() throws Exception {
        for (String host : java.util.List.of("a:b:c", "x y", "localhost:99999")) {
            String answer;
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(("GET /api/v1/subjects HTTP/1.1\r\nHost: " + host + "\r\nX-Request-Id: "
                        + "bad-host-2\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            assertTrue(answer.startsWith("HTTP/1.1 400 "), host + ": " + answer);
            String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
            assertTrue(head.contains("content-type: application/problem+json"), head);
            assertTrue(head.contains("x-content-type-options: nosniff"), head);
            assertTrue(head.contains("x-request-id: bad-host-2"), head);
            io.vertx.core.json.JsonObject p = new io.vertx.core.json.JsonObject(
                    answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertEquals(400, p.getInteger("status"));
            assertEquals("the Host header is missing or is not a host name with an optional port",
                    p.getString("detail"));
            assertEquals("bad-host-2", p.getString("requestId"));
        }
    }

    private double callerEnded(String reason) {
        io.micrometer.core.instrument.Counter c = meters.find("jixiao.gateway.caller.ended").tag("reason", reason)
                .counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void theDemoIssuersTokensAreAccepted() {
        String token = given().queryParam("role", "department").queryParam("dept", "FIN").get("/auth/token").then()
                .statusCode(200).extract().path("access_token");
        given().auth().oauth2(token).get("/api/v1/subjects").then().statusCode(200);
        given().get("/auth/jwks").then().statusCode(200).body("keys[0].kty", equalTo("RSA"));
        given().queryParam("role", "emperor").get("/auth/token").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void machineClientsGetASystemTokenByClientCredentials() {
        String token = given().formParam("grant_type", "client_credentials").formParam("client_id", "hotline-12345")
                .formParam("client_secret", EchoUpstream.CLIENT_SECRET).post("/auth/token").then().statusCode(200)
                .header("Cache-Control", "no-store").body("token_type", equalTo("Bearer")).extract()
                .path("access_token");
        given().auth().oauth2(token).get("/api/v1/reviews").then().statusCode(200);
        given().auth().preemptive().basic("hotline-12345", EchoUpstream.CLIENT_SECRET)
                .formParam("grant_type", "client_credentials").post("/auth/token").then().statusCode(200);
        given().formParam("grant_type", "client_credentials").formParam("client_id", "hotline-12345")
                .formParam("client_secret", "guess").post("/auth/token").then().statusCode(401)
                .contentType("application/problem+json").body("error", equalTo("invalid_client"));
        given().formParam("grant_type", "client_credentials").formParam("client_id", "nobody")
                .formParam("client_secret", EchoUpstream.CLIENT_SECRET).post("/auth/token").then().statusCode(401);
        given().formParam("grant_type", "password").post("/auth/token").then().statusCode(400)
                .contentType("application/problem+json");
        // a form that is not valid percent-encoding is the client's mistake, not a server error
        given().contentType("application/x-www-form-urlencoded").body("%%%").post("/auth/token").then()
                .statusCode(400).contentType("application/problem+json");
        given().get("/auth/.well-known/openid-configuration").then().statusCode(200)
                .body("token_endpoint", endsWith("/auth/token")).body("jwks_uri", endsWith("/auth/jwks"));
        // the token's payload names the client and only the system role
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertTrue(payload.contains("\"azp\":\"hotline-12345\"") && payload.contains("\"groups\":[\"system\"]"),
                payload);
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes());
    }
}
