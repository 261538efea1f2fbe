package io.jixiao.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A body sent with a Content-Encoding is refused with a 415 that says to send it as it is, and nothing is written:
 * a gzipped body used to be refused as JSON that is not valid, and a plain body labelled gzip was taken.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class CompressedBodyTest {

    @Inject
    EntityManager em;

    @Test
    void aBodyWithAContentEncodingIsA415AndNothingIsWritten() throws IOException {
        String code = "GZ" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String json = "{\"code\":\"" + code + "\",\"nameZh\":\"压缩\",\"level\":\"DEPARTMENT\"}";
        for (String coding : new String[]{"gzip", "br", "deflate"}) {
            given().auth().oauth2(TestTokens.admin()).header("Content-Encoding", coding)
                    .contentType("application/json").body(coding.equals("gzip")
                            ? gzip(json)
                            : json.getBytes(
                                    StandardCharsets.UTF_8))
                    .post("/api/v1/subjects").then().statusCode(415).contentType("application/problem+json")
                    .header("Accept-Encoding", "identity")
                    .body("detail", equalTo("this API reads bodies as they are: send it without Content-Encoding"));
        }
        // a plain body labelled gzip is not taken either
        given().auth().oauth2(TestTokens.admin()).header("Content-Encoding", "gzip").contentType("application/json")
                .body(json).post("/api/v1/subjects").then().statusCode(415);
        assertEquals(0, TestDb.count(em, "select count(*) from subject where code = ?1", code));
        given().auth().oauth2(TestTokens.admin()).header("Content-Encoding", "identity")
                .contentType("application/json").body(json).post("/api/v1/subjects").then().statusCode(201);
    }

    static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
