package io.jixiao.survey.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.jixiao.survey.service.SurveyService;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A survey's schedule (answers only inside its window; the scheduler closes it when the window ends), its service item,
 * and its revision: texts may be corrected at any time, scored questions and weights only until the first response;
 * a stale If-Match is refused.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class SurveyScheduleTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Inject
    SurveyService surveys;

    static List<Map<String, Object>> questions(String q1Text, int q1Weight) {
        return List.of(Map.of("code", "q1", "group", "CITIZEN", "type", "LIKERT5", "textZh", q1Text, "required", true,
                "weight", q1Weight),
                Map.of("code", "q2", "group", "CITIZEN", "type", "GOOD_BAD5", "textZh", "服务评价",
                        "required", true));
    }

    Map<String, Object> body(String subject, OffsetDateTime opens, OffsetDateTime closes) {
        Map<String, Object> b = new HashMap<>(Map.of("subject", subject, "period", "2026", "titleZh", "不动产登记满意度",
                "serviceItem", "不动产登记", "groupWeights", Map.of("CITIZEN", 100), "questions", questions("是否方便？", 1)));
        if (opens != null) {
            b.put("opensAt", opens.toString());
        }
        if (closes != null) {
            b.put("closesAt", closes.toString());
        }
        return b;
    }

    String open(Map<String, Object> body) {
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/surveys").then().statusCode(201).body("serviceItem", equalTo("不动产登记")).extract()
                .path("id");
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/surveys/{id}/open", id).then().statusCode(200);
        return id;
    }

    io.restassured.response.ValidatableResponse answer(String survey) {
        return given().header("User-Agent", "device-" + UUID.randomUUID()).contentType(ContentType.JSON)
                .body(Map.of("group", "CITIZEN", "answers", List.of(Map.of("question", "q1", "value", 4),
                        Map.of("question", "q2", "choice", "SATISFIED")), "durationMs", 30000))
                .post("/api/v1/public/surveys/{id}/responses", survey).then();
    }

    @Test
    void answersAreAcceptedOnlyInsideTheWindowAndAnEndedSurveyIsClosed() {
        String subject = TestDb.registeredSubject(em, bootstrap, "W");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String later = open(body(subject, now.plusDays(1), now.plusDays(8)));
        answer(later).statusCode(409).body("detail", containsString("opens at"));
        given().get("/api/v1/public/surveys/{id}", later).then().statusCode(409);
        assertEquals(0, TestDb.count(em, "select count(*) from survey_response where survey_id = ?1",
                UUID.fromString(later)));

        String current = open(body(subject, now.minusDays(1), now.plusSeconds(3)));
        answer(current).statusCode(201);
        String ended = open(body(subject, now.minusDays(2), now.minusSeconds(1)));
        answer(ended).statusCode(409).body("detail", containsString("closed at"));
        surveys.closeEnded();
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/surveys/{id}", ended).then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/surveys/{id}", current).then()
                .body("status", equalTo("OPEN"));

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(body(subject, now.plusDays(2), now.plusDays(1))).post("/api/v1/surveys").then().statusCode(409)
                .body("detail", containsString("closesAt must be after opensAt"));
        // a schedule in a year PostgreSQL cannot store was a 500 at commit; a year 10000 is a typing mistake
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(body(subject, now, OffsetDateTime.MAX)).post("/api/v1/surveys").then().statusCode(400)
                .body("violations[0].field", equalTo("closesAt"))
                .body("violations[0].message", equalTo("must be in the years 1900 to 2999"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(body(subject, now.withYear(10000), null)).post("/api/v1/surveys").then().statusCode(400)
                .body("violations[0].field", equalTo("opensAt"));
    }

    @Test
    void theSurveyAResponseIsScoredAgainstIsReadOnlyAndStaysUnchanged() {
        String subject = TestDb.registeredSubject(em, bootstrap, "RO");
        String id = open(body(subject, null, null));
        // loaded for a response: no snapshot is kept for dirty checking, so a change to it is never written
        QuarkusTransaction.requiringNew().run(() -> {
            var s = surveys.publicForm(UUID.fromString(id));
            assertEquals(true, em.unwrap(org.hibernate.Session.class).isReadOnly(s));
            s.titleZh = "改过的标题";
        });
        answer(id).statusCode(201);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/surveys/{id}", id).then().statusCode(200)
                .body("titleZh", equalTo("不动产登记满意度"));
    }

    @Test
    void scoredQuestionsFreezeAtTheFirstResponseButTextsMayBeCorrected() {
        String subject = TestDb.registeredSubject(em, bootstrap, "R");
        String id = open(body(subject, null, null));
        Map<String, Object> revision = new HashMap<>(Map.of("titleZh", "不动产登记服务满意度", "groupWeights",
                Map.of("CITIZEN", 100), "questions", questions("办事是否方便？", 2), "serviceItem", "不动产登记"));
        // no responses yet: the weight of q1 may change
        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(revision).put("/api/v1/surveys/{id}", id).then().statusCode(412)
                .body("status", equalTo(412));
        // the survey's GET answers its version as ETag, to send back as If-Match
        var current = given().auth().oauth2(TestTokens.admin()).get("/api/v1/surveys/{id}", id).then().extract();
        String etag = current.header("ETag");
        assertEquals("\"" + current.path("version") + "\"", etag);
        given().auth().oauth2(TestTokens.admin()).header("If-Match", etag)
                .contentType(ContentType.JSON).body(revision).put("/api/v1/surveys/{id}", id).then().statusCode(200)
                .body("questions[0].weight", equalTo(2)).body("titleZh", equalTo("不动产登记服务满意度"));

        answer(id).statusCode(201);

        Map<String, Object> reweighted = new HashMap<>(revision);
        reweighted.put("questions", questions("办事是否方便？", 3));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(reweighted)
                .put("/api/v1/surveys/{id}", id).then().statusCode(409)
                .body("detail", containsString("scored questions"));
        List<Map<String, Object>> extra = new ArrayList<>(questions("办事是否方便？", 2));
        extra.add(Map.of("code", "q3", "group", "CITIZEN", "type", "LIKERT5", "textZh", "新问题"));
        Map<String, Object> added = new HashMap<>(revision);
        added.put("questions", extra);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(added)
                .put("/api/v1/surveys/{id}", id).then().statusCode(409);
        Map<String, Object> corrected = new HashMap<>(revision);
        corrected.put("questions", questions("您办理业务是否方便？", 2));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(corrected)
                .put("/api/v1/surveys/{id}", id).then().statusCode(200)
                .body("questions[0].textZh", equalTo("您办理业务是否方便？"));
        given().auth().oauth2(TestTokens.department(subject)).contentType(ContentType.JSON).body(corrected)
                .put("/api/v1/surveys/{id}", id).then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(corrected)
                .header("If-Match", "yesterday").put("/api/v1/surveys/{id}", id).then().statusCode(400);
    }
}
