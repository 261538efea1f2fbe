package io.jixiao.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Recomputing a whole period gives each scorecard the same result as a single recompute, stores and publishes only
 * the ones that changed, and a second run changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class ScorecardBatchTest {

    @Inject
    EntityManager em;

    @Transactional
    void sneakInAValue(String dept, String ind, String period, int score) {
        em.createNativeQuery("insert into indicator_value (subject_code, indicator_code, period, actual, score, light, "
                + "source, reported_by, reported_at) values (?1, ?2, ?3, ?4, ?4, 'GREEN', 'MIGRATION', 'test', now())")
                .setParameter(1, dept).setParameter(2, ind).setParameter(3, period).setParameter(4, score)
                .executeUpdate();
    }

    long scorecardEvents(String dept) {
        return TestDb.count(em, "select count(*) from outbox_event where record_key = ?1 and event_type = "
                + "'jixiao.indicator.scorecard.computed.v1'", dept);
    }

    @Test
    void aPeriodIsRecomputedAsTheSingleRecomputeWouldAndOnlyChangesArePublished() {
        String period = "2031";
        String dept = IndicatorApiTest.unique("R");
        String a = IndicatorApiTest.unique("A");
        String b = IndicatorApiTest.unique("B");
        IndicatorApiTest.subject(dept);
        IndicatorApiTest.indicator(a, "FINANCIAL", 80, dept);
        IndicatorApiTest.indicator(b, "PUBLIC", 100, dept);
        given().auth().oauth2(TestTokens.department(dept)).contentType(ContentType.JSON)
                .body(Map.of("subject", dept, "indicator", a, "period", period, "value", 72)).post("/api/v1/values")
                .then().statusCode(201);
        long before = scorecardEvents(dept);
        // a value written around the service (a data migration): the stored scorecard no longer matches
        sneakInAValue(dept, b, period, 60);

        given().auth().oauth2(TestTokens.admin()).post("/api/v1/scorecards/{p}/recompute", period).then()
                .statusCode(200).body("scorecards", equalTo(1)).body("changed", equalTo(1)).body("values", equalTo(2));
        assertEquals(before + 1, scorecardEvents(dept));
        Object live = given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/{c}/scorecards/{p}", dept, period)
                .then().statusCode(200).extract().path("total");
        BigDecimal stored = (BigDecimal) em.createNativeQuery("select total from scorecard_result where subject_code = "
                + "?1 and period = ?2").setParameter(1, dept).setParameter(2, period).getSingleResult();
        assertEquals(0, new BigDecimal(live.toString()).compareTo(stored), "the batch stores the single result");

        given().auth().oauth2(TestTokens.admin()).post("/api/v1/scorecards/{p}/recompute", period).then()
                .statusCode(200).body("changed", equalTo(0));
        assertEquals(before + 1, scorecardEvents(dept), "nothing changed: nothing published");
        // and a single recompute of an unchanged scorecard publishes nothing either
        given().auth().oauth2(TestTokens.department(dept)).contentType(ContentType.JSON)
                .body(Map.of("subject", dept, "indicator", a, "period", period, "value", 72, "correctionReason",
                        "同值复报"))
                .post("/api/v1/values").then().statusCode(201);
        assertEquals(before + 1, scorecardEvents(dept));

        given().auth().oauth2(TestTokens.department(dept)).post("/api/v1/scorecards/{p}/recompute", period).then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/scorecards/31/recompute").then().statusCode(400);
    }
}
