package io.jixiao.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jixiao.gateway.domain.AuthorizationCodes;
import io.jixiao.gateway.service.EchoUpstream;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The portal's sign-in at the demo issuer: authorization code with PKCE (S256), as a browser runs it, and every way a
 * request or a redemption can be wrong.
 */
@QuarkusTest
@QuarkusTestResource(value = EchoUpstream.class, restrictToAnnotatedClass = true)
class DemoSignInTest {

    static final String VERIFIER = "portal-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
    static final String CHALLENGE = AuthorizationCodes.s256(VERIFIER);

    static String portal() {
        return RestAssured.baseURI + ":" + RestAssured.port + "/";
    }

    static Map<String, String> request() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", "jixiao-portal");
        q.put("redirect_uri", portal());
        q.put("code_challenge", CHALLENGE);
        q.put("code_challenge_method", "S256");
        q.put("state", "st-42");
        return q;
    }

    /** The sign-in form submitted: the redirect back to the portal. */
    static Response signIn(Map<String, String> request, String role, String dept) {
        var r = given().redirects().follow(false).formParams(request).formParam("role", role);
        if (dept != null) {
            r = r.formParam("dept", dept);
        }
        return r.post("/auth/authorize");
    }

    static Map<String, String> query(String location) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = URI.create(location).getRawQuery();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    static String codeFor(String role, String dept) {
        Response back = signIn(request(), role, dept);
        assertEquals(303, back.statusCode(), back.asString());
        String location = back.header("Location");
        assertTrue(location.startsWith(portal() + "?"), location);
        Map<String, String> q = query(location);
        assertEquals("st-42", q.get("state"), "the client's state comes back");
        return q.get("code");
    }

    static Response redeem(String code, String verifier) {
        return given().formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", portal()).formParam("client_id", "jixiao-portal")
                .formParam("code_verifier", verifier).post("/auth/token");
    }

    @Test
    void aDepartmentSignsInWithACodeAndItsVerifierAndTheTokenSpeaksForIt() {
        given().queryParams(request()).queryParam("ui_locales", "en").get("/auth/authorize").then().statusCode(200)
                .contentType(containsString("text/html")).header("Cache-Control", "no-store")
                .header("Content-Security-Policy",
                        containsString("form-action 'self' " + portal().replaceAll("/$", "")))
                .body(containsString("id=\"login-role\"")).body(containsString("Sign in to Jixiao"))
                .body(containsString("name=\"code_challenge\" value=\"" + CHALLENGE + "\""));

        String code = codeFor("department", "fin");
        String token = redeem(code, VERIFIER).then().statusCode(200).header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer")).extract().path("access_token");
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"dept\":\"FIN\"") && payload.contains("\"groups\":[\"department\"]")
                && payload.contains("\"sub\":\"portal-department\""), payload);
        given().auth().oauth2(token).get("/api/v1/subjects").then().statusCode(200);

        redeem(code, VERIFIER).then().statusCode(400).contentType("application/problem+json")
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void aWrongVerifierRedirectUriOrClientGetsNoTokenAndSpendsTheCode() {
        String code = codeFor("admin", null);
        redeem(code, "x".repeat(43)).then().statusCode(400).body("error", equalTo("invalid_grant"));
        redeem(code, VERIFIER).then().statusCode(400).body("error", equalTo("invalid_grant"));

        String other = codeFor("admin", null);
        given().formParam("grant_type", "authorization_code").formParam("code", other)
                .formParam("redirect_uri", portal() + "elsewhere").formParam("client_id", "jixiao-portal")
                .formParam("code_verifier", VERIFIER).post("/auth/token").then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
        String third = codeFor("admin", null);
        given().formParam("grant_type", "authorization_code").formParam("code", third)
                .formParam("redirect_uri", portal()).formParam("client_id", "hotline-12345")
                .formParam("code_verifier", VERIFIER).post("/auth/token").then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
        given().formParam("grant_type", "authorization_code").formParam("code", "x").post("/auth/token").then()
                .statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void anUnknownClientOrAForeignRedirectUriIsRefusedOnTheSpotNeverRedirected() {
        Map<String, String> evil = request();
        evil.put("redirect_uri", "http://evil.example/");
        given().redirects().follow(false).queryParams(evil).get("/auth/authorize").then().statusCode(400)
                .contentType("application/problem+json").header("Location", nullValue())
                .body("error", equalTo("invalid_request")).body("detail", containsString("redirect_uri"));
        signIn(evil, "admin", null).then().statusCode(400).header("Location", nullValue());
        Map<String, String> withFragment = request();
        withFragment.put("redirect_uri", portal() + "#/league");
        given().redirects().follow(false).queryParams(withFragment).get("/auth/authorize").then().statusCode(400);
        Map<String, String> stranger = request();
        stranger.put("client_id", "someone-else");
        given().redirects().follow(false).queryParams(stranger).get("/auth/authorize").then().statusCode(400)
                .body("error", equalTo("unauthorized_client"));
    }

    @Test
    void withoutPkceOrWithTheWrongResponseTypeTheClientIsToldWhy() {
        Map<String, String> plain = request();
        plain.put("code_challenge_method", "plain");
        Map<String, String> q = query(given().redirects().follow(false).queryParams(plain).get("/auth/authorize")
                .then().statusCode(303).extract().header("Location"));
        assertEquals("invalid_request", q.get("error"));
        assertEquals("st-42", q.get("state"));
        assertTrue(q.get("error_description").contains("S256"), q.toString());
        Map<String, String> none = request();
        none.remove("code_challenge");
        assertEquals("invalid_request", query(given().redirects().follow(false).queryParams(none)
                .get("/auth/authorize").then().statusCode(303).extract().header("Location")).get("error"));
        Map<String, String> implicit = request();
        implicit.put("response_type", "token");
        assertEquals("unsupported_response_type", query(given().redirects().follow(false).queryParams(implicit)
                .get("/auth/authorize").then().statusCode(303).extract().header("Location")).get("error"));
        Map<String, String> cancelled = query(given().redirects().follow(false).formParams(request())
                .formParam("cancel", "true").post("/auth/authorize").then().statusCode(303).extract()
                .header("Location"));
        assertEquals("access_denied", cancelled.get("error"));
        assertTrue(!cancelled.containsKey("code"));
    }

    @Test
    void aWrongChoiceOnTheFormShowsThePageAgainAndIssuesNoCode() {
        signIn(request(), "department", null).then().statusCode(400).contentType(containsString("text/html"))
                .header("Location", nullValue()).body(containsString("部门须填写部门代码"));
        signIn(request(), "system", null).then().statusCode(400).header("Location", nullValue());
        signIn(request(), "emperor", null).then().statusCode(400).header("Location", nullValue());
        given().redirects().follow(false).formParams(request()).formParam("role", "admin")
                .formParam("sub", "a b<c>").post("/auth/authorize").then().statusCode(400)
                .body(containsString("a b&lt;c&gt;")).body(not(containsString("a b<c>")));
    }

    @Test
    void whatTheClientSendsIsEscapedOnThePage() {
        Map<String, String> q = request();
        q.put("state", "\"><script>alert(1)</script>{{error}}");
        given().queryParams(q).get("/auth/authorize").then().statusCode(200)
                .body(containsString("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;{{error}}\""))
                .body(not(containsString("<script>alert(1)")));
    }

    @Test
    void theProviderMetadataAndThePortalsSignInSettingsNameTheCodeFlow() {
        given().get("/auth/.well-known/openid-configuration").then().statusCode(200)
                .body("authorization_endpoint", endsWith("/auth/authorize"))
                .body("code_challenge_methods_supported", hasItem("S256"))
                .body("grant_types_supported", hasItem("authorization_code"));
        given().get("/portal/sign-in.json").then().statusCode(200).body("authority", equalTo("/auth"))
                .body("clientId", equalTo("jixiao-portal")).body("scope", equalTo("openid"));
    }
}
