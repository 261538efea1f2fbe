package io.jixiao.survey.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.testsupport.EventSamples;
import io.jixiao.testsupport.HeldTransaction;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.jixiao.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** 好差评 end to end: a bad review opens a rectification case, the department answers it, the metrics are published. */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class ReviewFlowTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    io.jixiao.survey.service.ReviewMetricsService service;

    final String hall = TestTokens.system("service-hall");

    long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    static Map<String, Object> review(String caseNo, String subject, String level, String ratedAt) {
        return Map.of("caseNo", caseNo, "subject", subject, "serviceItem", "不动产登记", "level", level, "channel",
                "HALL", "comment", "等候时间太长", "ratedAt", ratedAt);
    }

    @Test
    void aBadReviewIsAnsweredWithinFifteenWorkingDaysAndItsMetricsArePublished() throws Exception {
        String s = TestDb.registeredSubject(em, bootstrap, "R");
        String other = TestDb.registeredSubject(em, bootstrap, "R");
        // the 2025 National Day holiday: 1–8 October off, Sunday 28 September and Saturday 11 October worked
        var days = new java.util.ArrayList<Map<String, Object>>();
        for (int d = 1; d <= 8; d++) {
            days.add(Map.of("date", "2025-10-0" + d, "kind", "HOLIDAY", "name", "国庆节、中秋节"));
        }
        days.add(Map.of("date", "2025-09-28", "kind", "WORKDAY", "name", "国庆调休"));
        days.add(Map.of("date", "2025-10-11", "kind", "WORKDAY", "name", "国庆调休"));
        given().auth().oauth2(TestTokens.department(s)).contentType(ContentType.JSON).body(Map.of("days", days))
                .put("/api/v1/calendar/2025").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("days", days))
                .put("/api/v1/calendar/2025").then().statusCode(200).body("size()", equalTo(10));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("days", List.of(Map.of("date", "2024-12-31", "kind", "HOLIDAY", "name", "x"))))
                .put("/api/v1/calendar/2025").then().statusCode(400)
                .body("violations[0].field", equalTo("days[0].date"));
        // Friday 26 September 2025 in Beijing: Sun 28 Sep worked (1); 29, 30 Sep (3); 9, 10 Oct (5); Sat 11 Oct
        // worked (6); 13–17 Oct (11); 20–23 Oct (15) → due Thursday 23 October
        given().auth().oauth2(hall).contentType(ContentType.JSON)
                .body(review("HALL-" + s + "-2025", s, "DISSATISFIED", "2025-09-26T10:00:00+08:00"))
                .post("/api/v1/reviews").then().statusCode(201).body("rectification.dueDate", equalTo("2025-10-23"));

        // yesterday's reviews, answered today: on time
        OffsetDateTime yesterday = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(1);
        String ratedAt = yesterday.toString();
        String month = java.time.YearMonth.from(yesterday).toString();
        LocalDate due = io.jixiao.survey.domain.review.WorkingDays.weekdaysOnly().plus(yesterday.toLocalDate(), 15);
        String c1 = "HALL-" + s + "-1";
        var bad = given().auth().oauth2(hall).contentType(ContentType.JSON)
                .body(review(c1, s, "DISSATISFIED", ratedAt)).post("/api/v1/reviews").then().statusCode(201)
                .body("bad", equalTo(true)).body("points", equalTo(30)).body("levelZh", equalTo("不满意"))
                .body("rectification.dueDate", equalTo(due.toString()))
                .body("rectification.status", equalTo("OPEN")).extract();
        String caseId = bad.path("rectification.id");
        String badId = bad.path("id");
        String good = given().auth().oauth2(hall).contentType(ContentType.JSON)
                .body(review("HALL-" + s + "-2", s, "VERY_SATISFIED", ratedAt)).post("/api/v1/reviews").then()
                .statusCode(201).body("rectification", nullValue()).extract().path("id");
        // the case at the review's own path (DESIGN section 9): the same case; a good review has none
        given().auth().oauth2(TestTokens.department(s)).get("/api/v1/reviews/{id}/rectification", badId).then()
                .statusCode(200).body("id", equalTo(caseId)).body("review", equalTo(badId))
                .body("caseNo", equalTo(c1)).body("level", equalTo("DISSATISFIED"));
        // the case says what it answers: the service case, its item, the rating and what the citizen said
        given().auth().oauth2(TestTokens.department(s)).get("/api/v1/rectifications/{id}", caseId).then()
                .statusCode(200).body("caseNo", equalTo(c1)).body("serviceItem", equalTo("不动产登记"))
                .body("level", equalTo("DISSATISFIED")).body("comment", equalTo("等候时间太长"));
        given().auth().oauth2(TestTokens.department(s)).get("/api/v1/reviews/{id}/rectification", good).then()
                .statusCode(404).body("detail", containsString("rectification case of review"));
        given().auth().oauth2(TestTokens.department(other)).get("/api/v1/reviews/{id}/rectification", badId).then()
                .statusCode(403);
        given().auth().oauth2(hall).get("/api/v1/reviews/{id}/rectification", badId).then().statusCode(403);
        String mistaken = given().auth().oauth2(hall).contentType(ContentType.JSON)
                .body(review("HALL-" + s + "-3", s, "VERY_DISSATISFIED", ratedAt)).post("/api/v1/reviews").then()
                .statusCode(201).extract().path("id");
        given().auth().oauth2(hall).contentType(ContentType.JSON)
                .body(review("HALL-" + s + "-4", s, "VERY_DISSATISFIED", ratedAt)).post("/api/v1/reviews").then()
                .statusCode(201);

        // bad input and the wrong callers change nothing
        given().auth().oauth2(hall).contentType(ContentType.JSON).body(review(c1, s, "SATISFIED", ratedAt))
                .post("/api/v1/reviews").then().statusCode(409).body("detail", containsString("one rating per case"));
        given().auth().oauth2(hall).contentType(ContentType.JSON).body(review("HALL-X-1", "NOPE", "SATISFIED", ratedAt))
                .post("/api/v1/reviews").then().statusCode(422);
        given().auth().oauth2(hall).contentType(ContentType.JSON).body(review("HALL-X-2", s, "GREAT", ratedAt))
                .post("/api/v1/reviews").then().statusCode(400);
        given().auth().oauth2(hall).contentType(ContentType.JSON)
                .body(review("HALL-X-3", s, "SATISFIED", OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString()))
                .post("/api/v1/reviews").then().statusCode(400).body("violations[0].field", equalTo("ratedAt"));
        given().auth().oauth2(hall).contentType(ContentType.JSON).body(Map.of("caseNo", "HALL-X-4", "subject", s,
                "level", "SATISFIED", "comment", "长".repeat(2001))).post("/api/v1/reviews").then().statusCode(400)
                .body("violations[0].field", equalTo("comment"));
        given().auth().oauth2(TestTokens.department(s)).contentType(ContentType.JSON)
                .body(review("HALL-X-5", s, "VERY_SATISFIED", ratedAt)).post("/api/v1/reviews").then().statusCode(403);
        assertEquals(5, count("select count(*) from service_review where subject_code = ?1", s));
        assertEquals(4, count("select count(*) from rectification_case where subject_code = ?1", s));

        // departments see and answer only their own cases
        given().auth().oauth2(TestTokens.department(other)).get("/api/v1/rectifications/{id}", caseId).then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.department(other)).contentType(ContentType.JSON)
                .body(Map.of("answer", "不是我们的")).post("/api/v1/rectifications/{id}/answer", caseId).then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.department(other)).queryParam("subject", s).get("/api/v1/rectifications")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.department(s)).queryParam("month", month).get("/api/v1/reviews").then()
                .statusCode(200).body("totalItems", equalTo(4));
        // the list names each case's own review, a page at a time
        given().auth().oauth2(TestTokens.department(s)).queryParam("size", 3).get("/api/v1/rectifications").then()
                .statusCode(200).body("totalItems", equalTo(4)).body("items.size()", equalTo(3))
                .body("items.caseNo", equalTo(List.of("HALL-" + s + "-2025", c1, "HALL-" + s + "-3")))
                .body("items.level", equalTo(List.of("DISSATISFIED", "DISSATISFIED", "VERY_DISSATISFIED")));
        given().auth().oauth2(TestTokens.department(s)).contentType(ContentType.JSON).body(Map.of("note", "整改完成"))
                .post("/api/v1/rectifications/{id}/close", caseId).then().statusCode(409);
        given().auth().oauth2(TestTokens.department(s)).contentType(ContentType.JSON)
                .body(Map.of("answer", "已增开两个窗口，并电话回访当事人")).post("/api/v1/rectifications/{id}/answer", caseId)
                .then().statusCode(200).body("status", equalTo("ANSWERED")).body("answeredOnTime", equalTo(true))
                .body("answerRevisions", equalTo(1));
        // a revised answer (here at the review's path) stands, and the first one is kept beside it
        given().auth().oauth2(TestTokens.department(other)).contentType(ContentType.JSON)
                .body(Map.of("answer", "不是我们的")).post("/api/v1/reviews/{id}/rectification/answer", badId).then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.department(s)).contentType(ContentType.JSON)
                .body(Map.of("answer", "已增开两个窗口、延长午间服务，并电话回访当事人"))
                .post("/api/v1/reviews/{id}/rectification/answer", badId).then().statusCode(200)
                .body("answer", equalTo("已增开两个窗口、延长午间服务，并电话回访当事人")).body("answerRevisions", equalTo(2))
                .body("answeredOnTime", equalTo(true));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/rectifications/{id}/answers", caseId).then()
                .statusCode(200).body("revision", contains(1, 2))
                .body("answer", contains("已增开两个窗口，并电话回访当事人", "已增开两个窗口、延长午间服务，并电话回访当事人"))
                .body("answeredBy", everyItem(equalTo("dept-" + s)));
        given().auth().oauth2(TestTokens.department(other)).get("/api/v1/rectifications/{id}/answers", caseId)
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.superior("mayor")).get("/api/v1/reviews/{id}/rectification/answers", badId)
                .then().statusCode(200).body("revision", contains(1, 2));
        given().auth().oauth2(TestTokens.department(s)).contentType(ContentType.JSON).body(Map.of("note", "整改完成"))
                .post("/api/v1/reviews/{id}/rectification/close", badId).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("id", equalTo(caseId));
        given().auth().oauth2(TestTokens.department(s)).contentType(ContentType.JSON).body(Map.of("answer", "补充"))
                .post("/api/v1/rectifications/{id}/answer", caseId).then().statusCode(409);
        assertEquals(2, count("select count(*) from rectification_answer where case_id = ?1", UUID.fromString(caseId)));

        // an appeal found the third rating malicious: it is void, and so is its case
        given().auth().oauth2(TestTokens.department(s)).contentType(ContentType.JSON)
                .body(Map.of("reason", "MALICIOUS", "note", "x")).post("/api/v1/reviews/{id}/void", mistaken).then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "MALICIOUS", "note", "同一号码一小时内恶意差评 5 次"))
                .post("/api/v1/reviews/{id}/void", mistaken)
                .then().statusCode(200).body("status", equalTo("VOIDED"))
                .body("rectification.status", equalTo("VOIDED"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "MALICIOUS", "note", "again")).post("/api/v1/reviews/{id}/void", mistaken)
                .then().statusCode(409);

        // metrics of the month: 3 counted reviews, 2 bad (one answered on time and closed, one not answered)
        given().auth().oauth2(TestTokens.department(s)).queryParam("month", month).queryParam("subject", s)
                .get("/api/v1/reviews/metrics").then().statusCode(200).body("totalItems", equalTo(1))
                .body("items[0].subject", equalTo(s)).body("items[0].reviews", equalTo(3))
                .body("items[0].badReviews", equalTo(2)).body("items[0].responseRate", equalTo(50))
                .body("items[0].rectificationRate", equalTo(50)).body("items[0].onTimeRate", equalTo(50));
        // the office reads every subject of the month in pages, by code; a department only its own
        List<String> codes = given().auth().oauth2(TestTokens.admin()).queryParam("month", month)
                .queryParam("size", 100).get("/api/v1/reviews/metrics").then().statusCode(200).extract()
                .path("items.subject");
        assertEquals(codes.stream().sorted().toList(), codes);
        assertTrue(codes.contains(s), codes.toString());
        given().auth().oauth2(TestTokens.admin()).queryParam("month", month).queryParam("page", codes.indexOf(s))
                .queryParam("size", 1).get("/api/v1/reviews/metrics").then().statusCode(200)
                .body("items.subject", equalTo(List.of(s))).body("totalItems", equalTo(codes.size()))
                .body("totalPages", equalTo(codes.size()));
        given().auth().oauth2(TestTokens.department(s)).queryParam("month", month).get("/api/v1/reviews/metrics")
                .then().statusCode(200).body("items.subject", equalTo(List.of(s)));
        given().auth().oauth2(TestTokens.admin()).queryParam("month", month).queryParam("size", 101)
                .get("/api/v1/reviews/metrics").then().statusCode(400).body("violations[0].field", equalTo("size"));
        given().auth().oauth2(TestTokens.department(s)).queryParam("month", month).queryParam("subject", other)
                .get("/api/v1/reviews/metrics").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).queryParam("month", "2031-13").get("/api/v1/reviews/metrics").then()
                .statusCode(400);
        given().auth().oauth2(TestTokens.department(s)).post("/api/v1/reviews/metrics/{m}/publish", month).then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/reviews/metrics/{m}/publish", month).then()
                .statusCode(200);
        var events = TopicProbe.await(bootstrap, "jixiao.survey.events", r -> s.equals(r.key())
                && "jixiao.survey.service-metrics.computed.v1".equals(TopicProbe.header(r, "ce_type")), 1,
                Duration.ofSeconds(20));
        assertEquals(List.of(), EventSamples.shapeDifferences("jixiao.survey.service-metrics.computed.v1",
                events.get(0).value()));
        JsonNode e = mapper.readTree(events.get(0).value());
        assertEquals(month, e.get("period").asText());
        assertEquals(0, e.get("responseRate").decimalValue().compareTo(new BigDecimal("50")));
        assertEquals(0, e.get("goodRate").decimalValue().compareTo(new BigDecimal("33.3333")));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/rectifications/{id}", caseId).then().statusCode(200)
                .body("closingNote", equalTo("整改完成"));
    }

    /**
     * Last month's metrics are published once, by an hourly check, as soon as they are due (02:00 on the 1st, China
     * time), so a service that was away at that hour publishes them when it is back; an admin's publication of the
     * same month again is a correction, and is recorded as the admin's.
     */
    @Test
    void lastMonthsMetricsArePublishedOnceWhenDueAndAgainOnlyByAnAdmin() {
        String s = TestDb.registeredSubject(em, bootstrap, "M");
        given().auth().oauth2(hall).contentType(ContentType.JSON)
                .body(review("HALL-" + s + "-NOV", s, "SATISFIED", "2025-11-20T10:00:00+08:00"))
                .post("/api/v1/reviews").then().statusCode(201);
        String metrics = "select count(*) from outbox_event where event_type ="
                + " 'jixiao.survey.service-metrics.computed.v1' and record_key = ?1 and payload->>'period' = '2025-11'";

        assertEquals(java.util.Optional.empty(), service.publishDue(java.time.LocalDateTime.of(2025, 12, 1, 1, 30)),
                "not due before 02:00 on the 1st");
        assertEquals(0, count(metrics, s));
        // the service was away at 02:00: its first check afterwards publishes the month
        assertEquals("2025-11", service.publishDue(java.time.LocalDateTime.of(2025, 12, 3, 9, 7)).orElseThrow()
                .substring(0, 7));
        assertEquals(1, count(metrics, s));
        assertEquals(1, count("select count(*) from review_metrics_run where month = '2025-11' and published_by ="
                + " 'SCHEDULE' and subjects >= 1"));
        // the next hour's check finds it published
        assertEquals(java.util.Optional.empty(), service.publishDue(java.time.LocalDateTime.of(2025, 12, 3, 10, 7)));
        assertEquals(1, count(metrics, s));
        // an admin publishes it again, as a correction
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/reviews/metrics/{m}/publish", "2025-11").then()
                .statusCode(200);
        assertEquals(2, count(metrics, s));
        assertEquals(1, count("select count(*) from review_metrics_run where month = '2025-11' and published_by ="
                + " 'ADMIN'"));
    }

    /**
     * Two admins void the same review at once (a good review: no rectification case to trip on). The test holds the
     * first void inside its transaction and sends the second. Without the row lock the second read the review as
     * ACTIVE before the first committed and voided it again: two 200s, the later reason and note kept. It now waits,
     * reads VOIDED and is refused.
     */
    @Test
    void aReviewIsVoidedOnceWhenTwoAdminsVoidItAtOnce() throws Exception {
        String s = TestDb.registeredSubject(em, bootstrap, "V");
        String review = given().auth().oauth2(hall).contentType(ContentType.JSON)
                .body(review("V-" + java.util.UUID.randomUUID(), s, "SATISFIED", OffsetDateTime.now(ZoneOffset.UTC)
                        .minusHours(1).toString()))
                .post("/api/v1/reviews").then().statusCode(201).extract().path("id");
        try (HeldTransaction first = HeldTransaction.of(() -> em.createNativeQuery("update service_review set status ="
                + " 'VOIDED', void_reason = 'MISTAKEN', void_note = 'first', voided_by = 'first-admin', voided_at ="
                + " now() where id = cast(?1 as uuid)").setParameter(1, review).executeUpdate())) {
            assertEquals(409, first.commitWhileWaitedOn(em, "the second void waits for the first",
                    () -> given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                            .body(Map.of("reason", "MALICIOUS", "note", "second"))
                            .post("/api/v1/reviews/{id}/void", review).then().extract().statusCode()));
        }
        assertEquals(1, count("select count(*) from service_review where id = cast(?1 as uuid) and void_note ="
                + " 'first' and voided_by = 'first-admin'", review));
    }

    /**
     * A department's colleague answers while another answer is still in flight (held in its transaction here). Without
     * the case's row lock the second read the case before the first committed, took the same revision number and was
     * refused with a 409 when the first committed (and the service logged the unique violation). It now waits for the
     * first, and both answers are kept as revisions 1 and 2, the second standing.
     */
    @Test
    void twoAnswersSentAtOnceAreBothKeptInTurn() throws Exception {
        String s = TestDb.registeredSubject(em, bootstrap, "A");
        String caseId = given().auth().oauth2(hall).contentType(ContentType.JSON)
                .body(review("A-" + UUID.randomUUID(), s, "DISSATISFIED",
                        OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString()))
                .post("/api/v1/reviews").then().statusCode(201).extract().path("rectification.id");
        try (HeldTransaction first = HeldTransaction.of(() -> {
            em.createNativeQuery("update rectification_case set status = 'ANSWERED', answer = '先到的答复', answered_by"
                    + " = 'colleague', answered_at = now(), answer_revisions = 1, version = version + 1 where id ="
                    + " cast(?1 as uuid)").setParameter(1, caseId).executeUpdate();
            em.createNativeQuery("insert into rectification_answer values (gen_random_uuid(), cast(?1 as uuid), 1,"
                    + " '先到的答复', 'colleague', now())").setParameter(1, caseId).executeUpdate();
        })) {
            var second = first.commitWhileWaitedOn(em, "the second answer waits for the first",
                    () -> given().auth().oauth2(TestTokens.department(s)).contentType(ContentType.JSON)
                            .body(Map.of("answer", "后到的答复")).post("/api/v1/rectifications/{id}/answer", caseId)
                            .then().extract());
            assertEquals(200, second.statusCode(), second.asString());
            assertEquals(2, (Integer) second.path("answerRevisions"));
        }
        given().auth().oauth2(TestTokens.department(s)).get("/api/v1/rectifications/{id}/answers", caseId).then()
                .statusCode(200).body("revision", contains(1, 2)).body("answer", contains("先到的答复", "后到的答复"));
    }

    /**
     * A service-hall system that lost the answer to its review sends it again with its {@code Idempotency-Key}: the
     * first answer (201, the same review and case) comes back. Without the key the same retry is a duplicate case
     * number (409).
     */
    @Test
    void aReviewSentAgainWithItsIdempotencyKeyGetsItsFirstAnswer() {
        String s = TestDb.registeredSubject(em, bootstrap, "K");
        String key = java.util.UUID.randomUUID().toString();
        var body = review("K-" + key, s, "DISSATISFIED", OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).toString());
        var first = given().auth().oauth2(hall).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reviews").then().statusCode(201).extract();
        given().auth().oauth2(hall).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reviews").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(first.path("id")))
                .body("rectification.id", equalTo(first.path("rectification.id")));
        given().auth().oauth2(hall).contentType(ContentType.JSON).body(body).post("/api/v1/reviews").then()
                .statusCode(409);
        assertEquals(1, count("select count(*) from rectification_case where subject_code = ?1", s));
    }
}
