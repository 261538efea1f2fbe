package io.jixiao.survey.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A year's working-day calendar carries its revision as ETag, and a replacement that names a revision another
 * replacement has passed is refused (DESIGN section 8): two offices editing the holidays at once cannot silently
 * undo each other's dates.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class CalendarApiTest {

    private static final String YEAR = "2031";

    static Map<String, Object> days(String... dates) {
        List<Map<String, String>> list = new ArrayList<>();
        for (String d : dates) {
            list.add(Map.of("date", d, "kind", "HOLIDAY", "name", "假日"));
        }
        return Map.of("days", list);
    }

    static Response put(String ifMatch, Map<String, Object> body) {
        var req = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body);
        return (ifMatch == null ? req : req.header("If-Match", ifMatch)).put("/api/v1/calendar/" + YEAR);
    }

    static long revision(Response r) {
        return Long.parseLong(r.header("ETag").replace("W/", "").replace("\"", ""));
    }

    @Test
    void aReplacementNamesTheRevisionItReadAndAStaleOneIsRefused() throws Exception {
        long r0 = revision(given().auth().oauth2(TestTokens.department("ANY")).get("/api/v1/calendar/" + YEAR).then()
                .statusCode(200).extract().response());

        Response first = put("\"" + r0 + "\"", days(YEAR + "-01-01", YEAR + "-10-01"));
        first.then().statusCode(200).body("date", equalTo(List.of(YEAR + "-01-01", YEAR + "-10-01")));
        assertEquals(r0 + 1, revision(first));
        // another office still holding r0: refused, the first office's dates stay
        put("\"" + r0 + "\"", days(YEAR + "-05-01")).then().statusCode(412)
                .contentType("application/problem+json").body("status", equalTo(412));
        Response now = given().auth().oauth2(TestTokens.admin()).get("/api/v1/calendar/" + YEAR).then()
                .statusCode(200).body("date", equalTo(List.of(YEAR + "-01-01", YEAR + "-10-01"))).extract()
                .response();
        assertEquals(r0 + 1, revision(now));
        put("soon", days(YEAR + "-05-01")).then().statusCode(400).body("violations[0].field", equalTo("If-Match"));
        given().auth().oauth2(TestTokens.department("ANY")).header("If-Match", "\"" + (r0 + 1) + "\"")
                .contentType(ContentType.JSON).body(days(YEAR + "-05-01")).put("/api/v1/calendar/" + YEAR).then()
                .statusCode(403);
        assertEquals(r0 + 1, revision(given().auth().oauth2(TestTokens.admin()).get("/api/v1/calendar/" + YEAR)));

        // without If-Match the replacement applies unconditionally, and still counts as a revision
        Response blind = put(null, days(YEAR + "-05-01"));
        blind.then().statusCode(200).body("date", equalTo(List.of(YEAR + "-05-01")));
        assertEquals(r0 + 2, revision(blind));

        // four offices at once, all holding the same revision: one wins, three are told to reload
        String held = "\"" + (r0 + 2) + "\"";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String date = YEAR + "-0" + (i + 6) + "-01";
                answers.add(pool.submit(() -> put(held, days(date)).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(3, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        Response after = given().auth().oauth2(TestTokens.admin()).get("/api/v1/calendar/" + YEAR);
        after.then().body("size()", equalTo(1));
        assertEquals(r0 + 3, revision(after));
    }
}
