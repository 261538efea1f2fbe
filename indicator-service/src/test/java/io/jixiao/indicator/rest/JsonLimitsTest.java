package io.jixiao.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.StreamReadConstraints;

import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A body past one of the JSON reader's limits is a 400 problem that names the limit, not a bare "Bad Request". */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class JsonLimitsTest {

    @Test
    void aBodyPastAJsonLimitIsAProblemThatNamesTheLimit() {
        StreamReadConstraints limits = StreamReadConstraints.defaults();
        int depth = limits.getMaxNestingDepth() + 10;
        String deep = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(deep).post("/api/v1/values")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("the body nests deeper than " + limits.getMaxNestingDepth() + " levels"));
        String longNumber = "{\"subject\":\"X\",\"indicator\":\"Y\",\"period\":\"2026\",\"value\":"
                + "9".repeat(limits.getMaxNumberLength() + 1) + "}";
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(longNumber)
                .post("/api/v1/values").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("a number in the body is longer than " + limits.getMaxNumberLength()
                        + " characters"));
    }
}
