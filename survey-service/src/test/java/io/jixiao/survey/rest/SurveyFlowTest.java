package io.jixiao.survey.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.testsupport.EventSamples;
import io.jixiao.testsupport.Eventually;
import io.jixiao.testsupport.HeldTransaction;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.jixiao.testsupport.TopicProbe;
import io.jixiao.survey.domain.Channel;
import io.jixiao.survey.domain.index.RespondentGroup;
import io.jixiao.survey.domain.index.ResponseScorer;
import io.jixiao.survey.service.ResponseService;
import io.jixiao.survey.service.SatisfactionService;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class SurveyFlowTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    ResponseService responses;

    @Inject
    SatisfactionService satisfaction;

    @Inject
    Scheduler scheduler;

    @Inject
    DataSource dataSource;

    long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    String subject() {
        return TestDb.registeredSubject(em, bootstrap, "S");
    }

    static Map<String, Object> survey(String subject, String period) {
        return Map.of("subject", subject, "period", period, "titleZh", "办事满意度调查", "titleEn",
                "Service satisfaction", "groupWeights", Map.of("CITIZEN", 60, "ENTERPRISE", 40),
                "questions", List.of(
                        Map.of("code", "q1", "group", "CITIZEN", "type", "LIKERT5", "textZh", "办事是否方便？",
                                "required", true),
                        Map.of("code", "note", "group", "CITIZEN", "type", "TEXT", "textZh", "意见建议"),
                        Map.of("code", "e1", "group", "ENTERPRISE", "type", "GOOD_BAD5", "textZh", "对服务的评价",
                                "required", true)));
    }

    /**
     * The list narrows by subject, period and status. A department lists and reads its own subject's surveys only:
     * without {@code subject} it gets those, with another subject's code a 403, and another subject's survey by id a
     * 403 too. An assessor lists none.
     */
    @Test
    void theListNarrowsAndADepartmentSeesOnlyItsOwnSurveys() {
        String a = subject();
        String b = subject();
        String draft = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(survey(a, "2026"))
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        String open = openSurvey(a);
        String other = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(survey(b, "2026-Q1"))
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");

        assertEquals(List.of(open, draft), given().auth().oauth2(TestTokens.superior("mayor")).queryParam("subject", a)
                .get("/api/v1/surveys").then().statusCode(200).body("totalItems", equalTo(2)).extract()
                .path("items.id"));
        assertEquals(List.of(open), given().auth().oauth2(TestTokens.admin()).queryParam("subject", a)
                .queryParam("status", "OPEN").get("/api/v1/surveys").then().statusCode(200).extract().path("items.id"));
        assertEquals(List.of(other), given().auth().oauth2(TestTokens.system("portal")).queryParam("period", "2026-Q1")
                .queryParam("subject", b).get("/api/v1/surveys").then().statusCode(200).extract().path("items.id"));

        assertEquals(List.of(open, draft), given().auth().oauth2(TestTokens.department(a)).get("/api/v1/surveys")
                .then().statusCode(200).extract().path("items.id"));
        given().auth().oauth2(TestTokens.department(a)).queryParam("subject", a).queryParam("status", "DRAFT")
                .get("/api/v1/surveys").then().statusCode(200).body("items.id", equalTo(List.of(draft)));
        given().auth().oauth2(TestTokens.department(a)).queryParam("subject", b).get("/api/v1/surveys").then()
                .statusCode(403).body("detail", equalTo("a department sees only its own surveys"));
        given().auth().oauth2(TestTokens.department(a)).get("/api/v1/surveys/{id}", open).then().statusCode(200)
                .body("subject", equalTo(a));
        given().auth().oauth2(TestTokens.department(a)).get("/api/v1/surveys/{id}", other).then().statusCode(403);
        given().auth().oauth2(TestTokens.assessor("a1", "ASSESS-CO")).get("/api/v1/surveys").then().statusCode(403);

        given().auth().oauth2(TestTokens.admin()).queryParam("status", "MAYBE").get("/api/v1/surveys").then()
                .statusCode(400);
        given().auth().oauth2(TestTokens.admin()).queryParam("period", "26").get("/api/v1/surveys").then()
                .statusCode(400);
        // a misspelt filter is refused, not dropped (which answered every subject's surveys)
        given().auth().oauth2(TestTokens.admin()).queryParam("subjet", a).get("/api/v1/surveys").then()
                .statusCode(400).body("violations[0].field", equalTo("subjet")).body("violations[0].message",
                        equalTo("is not a parameter of this operation; it takes page, period, size, status, subject"));
        given().auth().oauth2(TestTokens.admin()).queryParam("version", 3).get("/api/v1/surveys/{id}", open).then()
                .statusCode(400).body("violations[0].message",
                        equalTo("is not a parameter of this operation; it takes no query parameters"));
    }

    /**
     * The subject's copy is active from 2025-01-01 (its registration event): it has no survey for the last quarter of
     * 2024, and the refusal creates nothing. Its first quarter of 2025 takes one.
     */
    @Test
    void aSubjectIsNotSurveyedForAPeriodBeforeItWasActive() {
        String s = subject();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(survey(s, "2024-Q4"))
                .post("/api/v1/surveys").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("period"))
                .body("detail",
                        equalTo("subject " + s + " is active from 2025-01-01 and so has no survey for 2024-Q4"));
        assertEquals(0, TestDb.count(em, "select count(*) from survey where subject_code = ?1", s));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(survey(s, "2025-Q1"))
                .post("/api/v1/surveys").then().statusCode(201);
    }

    String openSurvey(String subject) {
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(survey(subject, "2026")).post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/surveys/{id}/open", id).then().statusCode(200);
        return id;
    }

    /** One respondent on one device (throttling and burst flags are per device: see SurveyAccessTest). */
    void answer(String survey, String group, Map<String, Object> answer) {
        given().header("User-Agent", "device-" + UUID.randomUUID()).contentType(ContentType.JSON)
                .body(Map.of("group", group, "answers", List.of(answer), "durationMs", 45000))
                .post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(201)
                .body("messages.en", equalTo("Thank you for taking part!"));
    }

    @Test
    void theIndexMatchesTheHandComputedCaseAndIsPublished() throws Exception {
        String s = subject();
        String survey = openSurvey(s);
        given().get("/api/v1/public/surveys/{id}", survey).then().statusCode(200)
                .body("questions.find { it.code == 'e1' }.options.size()", equalTo(5));
        // CITIZEN: Likert 5, 4, 3 → 100, 75, 50: mean 75, s = 25
        for (int v : new int[]{5, 4, 3}) {
            answer(survey, "CITIZEN", Map.of("question", "q1", "value", v));
        }
        // ENTERPRISE: 满意 80, 非常满意 100: mean 90, s = √200
        answer(survey, "ENTERPRISE", Map.of("question", "e1", "choice", "SATISFIED"));
        answer(survey, "ENTERPRISE", Map.of("question", "e1", "choice", "VERY_SATISFIED"));

        // index = 0.6·75 + 0.4·90 = 81; SE = √(0.36·625/3 + 0.16·200/2) = √91
        BigDecimal se = new BigDecimal(91).sqrt(MathContext.DECIMAL64);
        var events = TopicProbe.await(bootstrap, "jixiao.survey.events",
                r -> s.equals(r.key()) && "5".equals(field(r.value(), "n")), 1, Duration.ofSeconds(30));
        assertEquals(1, events.size());
        assertEquals(List.of(), EventSamples.shapeDifferences("jixiao.survey.satisfaction.computed.v1",
                events.get(0).value()));
        JsonNode e = mapper.readTree(events.get(0).value());
        assertEquals(0, e.get("index").decimalValue().compareTo(new BigDecimal("81")));
        assertEquals(0, e.get("standardError").decimalValue().setScale(8, java.math.RoundingMode.HALF_UP)
                .compareTo(se.setScale(8, java.math.RoundingMode.HALF_UP)));
        BigDecimal margin = new BigDecimal("1.96").multiply(se);
        assertEquals(0, e.get("lower95").decimalValue().setScale(6, java.math.RoundingMode.HALF_UP)
                .compareTo(new BigDecimal(81).subtract(margin).setScale(6, java.math.RoundingMode.HALF_UP)));

        given().auth().oauth2(TestTokens.department(s)).queryParam("period", "2026")
                .get("/api/v1/subjects/{c}/satisfaction", s).then().statusCode(200).body("n", equalTo(5))
                .body("index", equalTo(81));
        // another department's index is its PUBLIC party score, before the cycle is published
        given().auth().oauth2(TestTokens.department("OTHER")).queryParam("period", "2026")
                .get("/api/v1/subjects/{c}/satisfaction", s).then().statusCode(403)
                .body("detail", equalTo("a department sees only its own satisfaction index"));
        for (String token : List.of(TestTokens.superior("mayor"), TestTokens.system("portal"))) {
            given().auth().oauth2(token).queryParam("period", "2026").get("/api/v1/subjects/{c}/satisfaction", s)
                    .then().statusCode(200).body("index", equalTo(81));
        }
    }

    static String field(String json, String name) {
        try {
            return new ObjectMapper().readTree(json).get(name).asText();
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * A response that commits while its subject's index is being recomputed is counted by the next round. The test
     * holds the order: a first response's mark waits; a second response is written but not committed; the index is
     * recomputed (taking the first mark, seeing one response); then the second commits. Its mark must still be there.
     * A mark shared by every response of a subject-period, left alone when it already existed, was taken by that
     * recompute, and the second response stayed out of the index until some later response came.
     */
    @Test
    void aResponseCommittedWhileItsIndexIsRecomputedIsCountedByTheNextRound() throws Exception {
        String s = subject();
        String survey = openSurvey(s);
        scheduler.pause();
        try {
            Thread.sleep(300); // a round the scheduler had begun ends
            satisfaction.recomputeDirty();
            answer(survey, "CITIZEN", Map.of("question", "q1", "value", 5));
            assertEquals(1, marks(s), "the first response's mark waits");

            try (HeldTransaction second = heldResponse(survey, 3)) {
                satisfaction.recomputeDirty();
                assertEquals(1, count("select sample_size from satisfaction where subject_code = ?1", s),
                        "the recompute saw the committed response only");
                second.commit();
            }

            assertTrue(marks(s) > 0, "the second response's mark outlived the recompute that could not see it");
            satisfaction.recomputeDirty();
            given().auth().oauth2(TestTokens.admin()).queryParam("period", "2026")
                    .get("/api/v1/subjects/{c}/satisfaction", s).then().statusCode(200).body("n", equalTo(2));
            assertEquals(0, marks(s));
        } finally {
            scheduler.resume();
        }
    }

    /**
     * A revision of a survey waits for the responses in flight. The test holds a response inside its transaction and
     * sends a revision of the group weights: the revision waits, and once the response commits it is refused, since
     * the survey now has a response. Without the survey's lock the revision saw no response and changed the weights,
     * and the response committed, scored against a survey that no longer existed.
     */
    @Test
    void aRevisionWaitsForTheResponsesInFlight() throws Exception {
        String s = subject();
        String survey = openSurvey(s);
        try (HeldTransaction response = heldResponse(survey, 4)) {
            Map<String, Object> form = given().auth().oauth2(TestTokens.admin()).get("/api/v1/surveys/{id}", survey)
                    .then().statusCode(200).extract().jsonPath().getMap("");
            assertEquals(409, response.commitWhileWaitedOn(em, "the revision waits for the response in flight",
                    () -> given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                            .body(Map.of("titleZh", form.get("titleZh"), "groupWeights",
                                    Map.of("CITIZEN", 50, "ENTERPRISE", 50), "questions", form.get("questions")))
                            .put("/api/v1/surveys/{id}", survey).then().extract().statusCode()),
                    "a survey with a response keeps its weights");
        }
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/surveys/{id}", survey).then().statusCode(200)
                .body("groupWeights.CITIZEN", equalTo(60));
        assertEquals(1, count("select count(*) from survey_response where survey_id = cast(?1 as uuid)", survey));
    }

    /**
     * A response that waited for a change to its survey is checked against the survey as changed. Its first
     * statement reads the survey's version with a snapshot taken before the change committed, so the insert checks
     * the version again: the response is refused (409) and nothing is stored, rather than stored as answered to the
     * survey before the change.
     */
    @Test
    void aResponseThatWaitedForAChangeToItsSurveyIsRefused() throws Exception {
        String survey = openSurvey(subject());
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Connection change = dataSource.getConnection(); Statement st = change.createStatement()) {
            change.setAutoCommit(false);
            st.execute("select pg_advisory_xact_lock(hashtextextended('survey/" + survey + "', 0))");
            Future<Integer> response = other.submit(() -> given().header("User-Agent", "device-" + UUID.randomUUID())
                    .contentType(ContentType.JSON).body(Map.of("group", "CITIZEN", "answers", List.of(Map.of(
                            "question", "q1", "value", 4)), "durationMs", 45000))
                    .post("/api/v1/public/surveys/{id}/responses", survey).then().extract().statusCode());
            TestDb.awaitSessionsWaitingForLocks(em, 1, "the response waits for the change");
            st.execute("update survey set title_zh = '改过的标题', version = version + 1 where id = '" + survey + "'");
            change.commit();
            assertEquals(409, response.get(30, TimeUnit.SECONDS));
        } finally {
            other.shutdownNow();
        }
        assertEquals(0, count("select count(*) from survey_response where survey_id = cast(?1 as uuid)", survey));
    }

    /**
     * A phone whose first send is still in flight sends the same response again after moving from Wi-Fi to the mobile
     * network: another address, so another device lock. The second send waits for the first and is answered as
     * received (201, replayed), with one response stored. Before the page's id was locked too, the second send
     * clashed with the first's row and was refused (409).
     */
    @Test
    void theSameResponseSentFromAnotherAddressWhileTheFirstIsInFlightIsReceivedOnce() throws Exception {
        String survey = openSurvey(subject());
        UUID id = UUID.randomUUID();
        try (HeldTransaction first = HeldTransaction.of(() -> responses.submit(UUID.fromString(survey),
                new ResponseService.NewResponse(RespondentGroup.CITIZEN, Channel.APP,
                        List.of(new ResponseScorer.Answer("q1", new BigDecimal(4), null, null, null)), 45000L,
                        "198.51.100.20", "phone", null, id)))) {
            var again = first.commitWhileWaitedOn(em, "the second send waits for the first",
                    () -> given().header("User-Agent", "phone").header("X-Forwarded-For", "203.0.113.99")
                            .contentType(ContentType.JSON).body(Map.of("group", "CITIZEN", "answers",
                                    List.of(Map.of("question", "q1", "value", 4)), "durationMs", 45000, "responseId",
                                    id.toString()))
                            .post("/api/v1/public/surveys/{id}/responses", survey).then().extract());
            assertEquals(201, again.statusCode(), again.asString());
            assertEquals("true", again.header("Idempotent-Replayed"));
            assertEquals(id.toString(), again.path("id"));
        }
        assertEquals(1, count("select count(*) from survey_response where survey_id = cast(?1 as uuid)", survey));
    }

    /** A response written by the real service and held inside its transaction until it commits. */
    HeldTransaction heldResponse(String survey, int likert) throws InterruptedException {
        return HeldTransaction.of(() -> responses.submit(UUID.fromString(survey), new ResponseService.NewResponse(
                RespondentGroup.CITIZEN, Channel.WEB,
                List.of(new ResponseScorer.Answer("q1", new BigDecimal(likert), null, null, null)), 45000L,
                "203.0.113.7", "device-" + UUID.randomUUID(), null, null)));
    }

    long marks(String subject) {
        return count("select count(*) from satisfaction_dirty where subject_code = ?1", subject);
    }

    @Test
    void aPerfectScoreIsSuspicious() {
        String s = subject();
        String survey = openSurvey(s);
        answer(survey, "CITIZEN", Map.of("question", "q1", "value", 5));
        Eventually.until("index computed", Duration.ofSeconds(30),
                () -> count("select count(*) from satisfaction where subject_code = ?1", s) == 1);
        given().auth().oauth2(TestTokens.admin()).queryParam("period", "2026")
                .get("/api/v1/subjects/{c}/satisfaction", s).then().statusCode(200)
                .body("index", equalTo(100)).body("flags", hasItem("SUSPICIOUS_HIGH"));
    }

    @Test
    void badResponsesAreRefusedAndNothingIsStored() {
        String s = subject();
        String survey = openSurvey(s);
        var bad = List.of(
                Map.of("group", "CITIZEN", "answers", List.of(Map.of("question", "nope", "value", 3))),
                Map.of("group", "CITIZEN", "answers", List.of(Map.of("question", "q1", "value", 6))),
                Map.of("group", "CITIZEN", "answers", List.of(Map.of("question", "note", "text", "只有意见"))),
                Map.of("group", "CITIZEN", "answers", List.of(Map.of("question", "q1", "value", 3),
                        Map.of("question", "note", "text", "长".repeat(2001)))),
                Map.of("group", "PARTNER", "answers", List.of(Map.of("question", "q1", "value", 3))),
                Map.of("group", "ENTERPRISE", "answers", List.of(Map.of("question", "e1", "choice", "MAYBE"))));
        for (var body : bad) {
            given().contentType(ContentType.JSON).body(body).post("/api/v1/public/surveys/{id}/responses", survey)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        // an anonymous number past any sane one is refused where the JSON is read, naming its place
        given().contentType(ContentType.JSON)
                .body("{\"group\":\"CITIZEN\",\"answers\":[{\"question\":\"q1\",\"value\":3E-999999999}]}")
                .post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(400)
                .body("violations[0].field", equalTo("answers[0].value"));
        // refused before any resource is matched, and still with the request's id (it was null: the id was set by a
        // filter that could run after the refusing one)
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).header("X-Request-Id", "nul-" + s)
                .body(Map.of("group", "CITIZEN", "answers", List.of(Map.of("question", "q1", "value", 3))))
                .post("/api/v1/public/surveys/" + survey + "/responses?t=a%00").then().statusCode(400)
                .body("violations[0].field", equalTo("t")).body("requestId", equalTo("nul-" + s));
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/surveys/{id}/close", survey).then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("group", "CITIZEN", "answers", List.of(Map.of("question", "q1", "value", 3))))
                .post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(409)
                .body("detail", equalTo("this survey is closed"));
        given().get("/api/v1/public/surveys/{id}", UUID.randomUUID()).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/surveys").then().statusCode(401);
        given().auth().oauth2(TestTokens.department(s)).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/surveys").then().statusCode(403);
        // weights are kept to 4 decimals
        Map<String, Object> fine = new HashMap<>(survey(s, "2031"));
        fine.put("groupWeights", Map.of("CITIZEN", 60.00001, "ENTERPRISE", 39.99999));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(fine).post("/api/v1/surveys")
                .then().statusCode(400).body("violations[0].field", org.hamcrest.Matchers.startsWith("groupWeights"));
        assertEquals(0, count("select count(*) from survey where subject_code = ?1 and period = '2031'", s));
        assertEquals(0, count("select count(*) from survey_response where survey_id = cast(?1 as uuid)", survey));
    }

    @Test
    void aResponseMeetsEveryChangeToItsSurveyEvenOneMadeByAnotherReplica() {
        String survey = openSurvey(subject());
        String device = "device-" + UUID.randomUUID();
        String id = given().header("User-Agent", device).contentType(ContentType.JSON)
                .body(Map.of("group", "CITIZEN", "durationMs", 45000, "answers", List.of(
                        Map.of("question", "q1", "value", 4), Map.of("question", "note", "text", "窗口很快"))))
                .post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(201).extract().path("id");
        // written by its own statement, read back through the entity as it was sent
        var stored = QuarkusTransaction.requiringNew().call(() -> {
            var r = em.find(io.jixiao.survey.domain.SurveyResponse.class, UUID.fromString(id));
            em.detach(r);
            return r;
        });
        assertEquals(List.of(new ResponseScorer.Answer("q1", new BigDecimal("4"), null, null, null),
                new ResponseScorer.Answer("note", null, null, null, "窗口很快")), stored.answers);
        assertEquals(List.of(), stored.flags);
        assertEquals(0, new BigDecimal("75").compareTo(stored.score));
        // another replica closes the survey: this one is not told, only the row's version moves
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update survey set status = 'CLOSED',"
                + " closed_at = now(), version = version + 1 where id = cast(?1 as uuid)").setParameter(1, survey)
                .executeUpdate());
        given().header("User-Agent", device).contentType(ContentType.JSON)
                .body(Map.of("group", "CITIZEN", "answers", List.of(Map.of("question", "q1", "value", 3))))
                .post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(409)
                .body("detail", equalTo("this survey is closed"));
        assertEquals(1, count("select count(*) from survey_response where survey_id = cast(?1 as uuid)", survey));
    }
}
