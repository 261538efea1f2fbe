package io.jixiao.evaluation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.EventSamples;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.jixiao.testsupport.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class AppealFlowTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    String subject() {
        return TestDb.registeredSubject(em, bootstrap, "A");
    }

    /** A published cycle where the superior rated a 70 and b 80. Returns the cycle id. */
    String publishedCycle(String a, String b, int window) {
        String cycle = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "申诉测试", "period", "2026", "subjects", List.of(a, b), "appealWindowDays", window))
                .post("/api/v1/cycles").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("assignments", List.of(Map.of("party", "SUPERIOR", "evaluator", "boss", "subject", a),
                        Map.of("party", "SUPERIOR", "evaluator", "boss", "subject", b))))
                .post("/api/v1/cycles/{id}/assignments", cycle).then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/open", cycle).then().statusCode(200);
        for (var e : Map.of(a, 70, b, 80).entrySet()) {
            given().auth().oauth2(TestTokens.superior("boss")).contentType(ContentType.JSON)
                    .body(Map.of("subject", e.getKey(), "party", "SUPERIOR", "criteria",
                            List.of(Map.of("code", "GOAL_ACHIEVEMENT", "score", e.getValue()))))
                    .post("/api/v1/cycles/{id}/ratings", cycle).then().statusCode(201);
        }
        for (String action : List.of("close", "finalize", "publish")) {
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/" + action, cycle).then()
                    .statusCode(200);
        }
        return cycle;
    }

    @Test
    void anAcceptedAppealAmendsTheResultReRanksAndPublishesAmendments() {
        String a = subject();
        String b = subject();
        String cycle = publishedCycle(a, b, 10);
        given().auth().oauth2(TestTokens.department(a)).get("/api/v1/cycles/{id}/results", cycle).then()
                .statusCode(200).body("items.subject", equalTo(List.of(b, a)));

        // the wrong users: a superior, a department outside the cycle; then the right one
        given().auth().oauth2(TestTokens.superior("boss")).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/api/v1/cycles/{id}/appeals", cycle).then().statusCode(403);
        given().auth().oauth2(TestTokens.department("NOT-IN-CYCLE")).contentType(ContentType.JSON)
                .body(Map.of("reason", "x")).post("/api/v1/cycles/{id}/appeals", cycle).then().statusCode(403);
        String appeal = given().auth().oauth2(TestTokens.department(a)).contentType(ContentType.JSON)
                .body(Map.of("reason", "上级评分未计入我局第四季度完成的重点任务")).post("/api/v1/cycles/{id}/appeals", cycle)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.department(a)).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/api/v1/cycles/{id}/appeals", cycle).then().statusCode(409);
        given().auth().oauth2(TestTokens.department(b)).get("/api/v1/cycles/{id}/appeals", cycle).then()
                .statusCode(200).body("size()", equalTo(0));

        String rating = currentRating(cycle, a);
        given().auth().oauth2(TestTokens.department(a)).contentType(ContentType.JSON).body(Map.of("note", "x"))
                .post("/api/v1/cycles/{id}/appeals/{ap}/accept", cycle, appeal).then().statusCode(403);
        // amended numbers past the 10 decimals every score keeps, or past any sane number, change nothing; the last
        // one (twelve characters) took the service a core's work for minutes when it was rounded
        for (var bad : Map.of(
                "{\"note\":\"x\",\"scorecardTotal\":55.12345678901}", "scorecardTotal",
                "{\"note\":\"x\",\"ratings\":[{\"rating\":\"" + rating
                        + "\",\"criteria\":[{\"code\":\"GOAL_ACHIEVEMENT\",\"score\":90.00000000001}]}]}",
                "ratings[0].criteria[0].score",
                "{\"note\":\"x\",\"satisfactionIndex\":5E-999999999}", "satisfactionIndex").entrySet()) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(bad.getKey())
                    .post("/api/v1/cycles/{id}/appeals/{ap}/accept", cycle, appeal).then().statusCode(400)
                    .body("violations[0].field", equalTo(bad.getValue()));
        }
        given().auth().oauth2(TestTokens.department(a)).get("/api/v1/cycles/{id}/appeals", cycle).then()
                .statusCode(200).body("[0].status", equalTo("SUBMITTED"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("note", "核实后上调", "ratings", List.of(Map.of("rating", rating, "criteria",
                        List.of(Map.of("code", "GOAL_ACHIEVEMENT", "score", 90))))))
                .post("/api/v1/cycles/{id}/appeals/{ap}/accept", cycle, appeal).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"));

        given().auth().oauth2(TestTokens.department(a)).get("/api/v1/cycles/{id}/results", cycle).then()
                .statusCode(200).body("items.subject", equalTo(List.of(a, b))).body("items[0].composite", equalTo(90))
                .body("items[0].rank", equalTo(1));
        var amended = TopicProbe.await(bootstrap, "jixiao.evaluation.events",
                r -> (a.equals(r.key()) || b.equals(r.key()))
                        && "jixiao.evaluation.result.amended.v1".equals(TopicProbe.header(r, "ce_type")),
                2, Duration.ofSeconds(20));
        assertEquals(2, amended.size());
        assertEquals(List.of(), EventSamples.shapeDifferences("jixiao.evaluation.result.amended.v1",
                amended.get(0).value()));
        // the amended rating is on the ledger and the chain still holds
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/ledger/verify", cycle).then()
                .statusCode(200).body("valid", equalTo(true)).body("checked", equalTo(3));
        // the chain reads in pages, in link order: the amended rating is the last link
        given().auth().oauth2(TestTokens.admin()).queryParam("size", 2).queryParam("page", 1)
                .get("/api/v1/cycles/{id}/ledger", cycle).then().statusCode(200).body("totalItems", equalTo(3))
                .body("totalPages", equalTo(2)).body("items.size()", equalTo(1))
                .body("items[0].ratingId", equalTo(currentRating(cycle, a)));
        given().auth().oauth2(TestTokens.department(a)).get("/api/v1/cycles/{id}/ledger", cycle).then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("note", "again"))
                .post("/api/v1/cycles/{id}/appeals/{ap}/reject", cycle, appeal).then().statusCode(409);
    }

    /**
     * An amended satisfaction index replaces the frozen one where its sample met the minimum (40 against 30), and the
     * office's acceptance is the review an index held as SUSPICIOUS_HIGH waited for: the public party then counts.
     * Before, a held index stayed held and the amendment changed nothing. Where the sample was below the minimum, the
     * public party would stay absent whatever the index says: such an amendment was stored, changed nothing and
     * answered ACCEPTED. It is refused.
     */
    @Test
    void anAmendedSatisfactionIndexCountsWhereItsSampleDidAndIsRefusedWhereItDidNot() {
        String a = subject();
        String b = subject();
        EventSamples.send(bootstrap, "jixiao.survey.events", "jixiao.survey.satisfaction.computed.v1", a,
                EventSamples.with("jixiao.survey.satisfaction.computed.v1", "subject", a, "period", "2026", "index", 99,
                        "n", 40, "flags", List.of("SUSPICIOUS_HIGH"), "computedAt",
                        java.time.OffsetDateTime.now().toString()),
                java.util.UUID.randomUUID());
        io.jixiao.testsupport.Eventually.until("index consumed", Duration.ofSeconds(30),
                () -> count("select count(*) from satisfaction_input where subject_code = ?1", a) == 1);
        String cycle = publishedCycle(a, b, 10);
        // a: superior 70 (no scorecard); its index of 99 is held for review, so the public party is absent
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}/results/{s}", cycle, a).then()
                .statusCode(200).body("composite", equalTo(70)).body("provenance.satisfactionHeld", equalTo(true));
        String forA = appeal(cycle, a);
        String forB = appeal(cycle, b);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("note", "样本不足", "satisfactionIndex", 90))
                .post("/api/v1/cycles/{id}/appeals/{ap}/accept", cycle, forB).then().statusCode(422)
                .body("violations[0].field", equalTo("satisfactionIndex"))
                .body("detail", org.hamcrest.Matchers.containsString("sample of 0, below the cycle's minimum of 30"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}/results/{s}", cycle, b).then()
                .statusCode(200).body("provenance.satisfactionIndex", org.hamcrest.Matchers.nullValue());

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("note", "剔除恶意问卷后重算", "satisfactionIndex", 90))
                .post("/api/v1/cycles/{id}/appeals/{ap}/accept", cycle, forA).then().statusCode(200);
        // the office's decision is the review the held index waited for: (40·70 + 30·90) / 70
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}/results/{s}", cycle, a).then()
                .statusCode(200).body("composite", equalTo(78.5714285714f))
                .body("provenance.satisfactionIndex", equalTo(90)).body("provenance.satisfactionHeld", equalTo(false));
        given().auth().oauth2(TestTokens.department(b)).get("/api/v1/cycles/{id}/appeals", cycle).then()
                .statusCode(200).body("[0].status", equalTo("SUBMITTED"));
    }

    String appeal(String cycle, String subject) {
        return given().auth().oauth2(TestTokens.department(subject)).contentType(ContentType.JSON)
                .body(Map.of("reason", "公众满意度有误")).post("/api/v1/cycles/{id}/appeals", cycle).then()
                .statusCode(201).extract().path("id");
    }

    /**
     * Two appeals of one cycle accepted at the same moment. Each recomputes and re-ranks the whole cycle from its
     * frozen results, so each must see the other's amendment: they run one after the other. The test holds the
     * cycle's decision lock so that both are sent before either runs. Without that lock the two ran side by side and
     * the later one failed on the results' versions, or missed the earlier amendment.
     */
    @Test
    void twoAppealsAcceptedAtOnceAreBothInTheResults() throws Exception {
        String a = subject();
        String b = subject();
        String cycle = publishedCycle(a, b, 10);
        Map<String, String> appeals = new java.util.HashMap<>();
        for (String s : List.of(a, b)) {
            appeals.put(s, given().auth().oauth2(TestTokens.department(s)).contentType(ContentType.JSON)
                    .body(Map.of("reason", "复核上级评分")).post("/api/v1/cycles/{id}/appeals", cycle).then()
                    .statusCode(201).extract().path("id"));
        }
        Map<String, Integer> amended = Map.of(a, 90, b, 60); // a was 70, b 80: the ranks swap
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> accepts = new java.util.ArrayList<>();
            try (Connection holder = dataSource.getConnection(); Statement st = holder.createStatement()) {
                st.execute("select pg_advisory_lock(hashtextextended('appeals/" + cycle + "', 0))");
                try {
                    for (String s : List.of(a, b)) {
                        String rating = currentRating(cycle, s);
                        accepts.add(pool.submit(() -> given().auth().oauth2(TestTokens.admin())
                                .contentType(ContentType.JSON).body(Map.of("note", "核实后更正", "ratings",
                                        List.of(Map.of("rating", rating, "criteria", List.of(Map.of("code",
                                                "GOAL_ACHIEVEMENT", "score", amended.get(s)))))))
                                .post("/api/v1/cycles/{id}/appeals/{ap}/accept", cycle, appeals.get(s)).then()
                                .extract().statusCode()));
                    }
                    TestDb.awaitSessionsWaitingForLocks(em, 2, "both decisions wait for the cycle's decision lock");
                } finally {
                    st.execute("select pg_advisory_unlock_all()");
                }
            }
            for (Future<Integer> accept : accepts) {
                assertEquals(200, accept.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}/results", cycle).then().statusCode(200)
                .body("items.subject", equalTo(List.of(a, b))).body("items.composite", equalTo(List.of(90, 60)))
                .body("items.rank", equalTo(List.of(1, 2)));
        assertEquals(2, count("select count(*) from appeal where cycle_id = cast(?1 as uuid) and status = 'ACCEPTED'",
                cycle));
    }

    String currentRating(String cycle, String subject) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select cast(id as varchar) from"
                + " rating where cycle_id = cast(?1 as uuid) and subject_code = ?2 and is_current")
                .setParameter(1, cycle).setParameter(2, subject).getSingleResult().toString());
    }

    @Test
    void noAppealAfterTheWindowNorBeforePublication() {
        String a = subject();
        String b = subject();
        String cycle = publishedCycle(a, b, 0);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update cycle set published_at = published_at - interval '1 day' where id = cast(?1 as uuid)")
                .setParameter(1, cycle).executeUpdate());
        given().auth().oauth2(TestTokens.department(a)).contentType(ContentType.JSON).body(Map.of("reason", "late"))
                .post("/api/v1/cycles/{id}/appeals", cycle).then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("window"));
        assertEquals(0, count("select count(*) from appeal where cycle_id = cast(?1 as uuid)", cycle));
    }
}
