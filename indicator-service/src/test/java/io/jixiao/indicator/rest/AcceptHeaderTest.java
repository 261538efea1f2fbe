package io.jixiao.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.jixiao.kit.sheets.Sheets;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A caller that asks for another media type gets JSON for a JSON answer, or a 406 problem before anything runs where
 * the method's answer type already says JSON; never a Java object's {@code toString()} under the type it asked for
 * (a page of subjects asked for as {@code image/png} was that). A file keeps its own type.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class AcceptHeaderTest {

    @Test
    void aJsonAnswerIsJsonWhateverTheCallerAccepts() {
        String code = "ACC" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        for (String accept : new String[]{"text/plain", "text/html", "application/xml", "image/png", "text/csv"}) {
            given().auth().oauth2(TestTokens.admin()).accept(accept).get("/api/v1/subjects").then().statusCode(200)
                    .contentType(startsWith("application/json")).body("page", equalTo(0));
        }
        // a created record too, and its write happened once
        given().auth().oauth2(TestTokens.admin()).accept("text/html").contentType(ContentType.JSON)
                .body(Map.of("code", code, "nameZh", "媒体类型测试", "level", "DEPARTMENT")).post("/api/v1/subjects")
                .then().statusCode(201).contentType(startsWith("application/json")).body("code", equalTo(code));
        // a method whose answer type says JSON refuses the request before it runs, with a problem
        given().auth().oauth2(TestTokens.admin()).accept("application/xml").get("/api/v1/subjects/{c}", code).then()
                .statusCode(406).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/{c}", code).then().statusCode(200)
                .body("nameZh", equalTo("媒体类型测试"));
        // a file keeps its type
        given().auth().oauth2(TestTokens.admin()).queryParam("format", "xlsx").get("/api/v1/scorecards/2031/league")
                .then().statusCode(200).contentType(startsWith(Sheets.XLSX));
    }
}
