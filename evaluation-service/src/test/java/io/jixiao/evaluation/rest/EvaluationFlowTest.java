package io.jixiao.evaluation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
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
import io.jixiao.evaluation.service.CycleService;
import io.jixiao.testsupport.HeldTransaction;
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
class EvaluationFlowTest {

    static final String INDICATOR = "jixiao.indicator.events";
    static final String SURVEY = "jixiao.survey.events";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    DataSource dataSource;

    @Inject
    CycleService cycleService;

    static String unique(String p) {
        return p + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    void registerSubject(String code) {
        EventSamples.send(bootstrap, INDICATOR, "jixiao.indicator.subject.registered.v1", code,
                EventSamples.with("jixiao.indicator.subject.registered.v1", "code", code), UUID.randomUUID());
    }

    void scorecard(String code, double total, double financial, String gate) {
        EventSamples.send(bootstrap, INDICATOR, "jixiao.indicator.scorecard.computed.v1", code,
                EventSamples.with("jixiao.indicator.scorecard.computed.v1", "subject", code, "period", "2026", "total",
                        total, "dimensions", Map.of("FINANCIAL", financial), "gate", Map.of("status", gate),
                        "computedAt", java.time.OffsetDateTime.now().toString()),
                UUID.randomUUID());
    }

    void satisfaction(String code, double index, int n) {
        EventSamples.send(bootstrap, SURVEY, "jixiao.survey.satisfaction.computed.v1", code,
                EventSamples.with("jixiao.survey.satisfaction.computed.v1", "subject", code, "period", "2026", "index",
                        index, "n", n, "computedAt", java.time.OffsetDateTime.now().toString()),
                UUID.randomUUID());
    }

    String createCycle(List<String> subjects) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "2026年度绩效考评", "period", "2026", "subjects", subjects))
                .post("/api/v1/cycles").then().statusCode(201).extract().path("id");
    }

    /** An open cycle of one subject, which one superior is assigned to rate. */
    String openCycleRatedBy(String subject, String superior) {
        String cycle = createCycle(List.of(subject));
        assign(cycle, "SUPERIOR", superior, subject);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/open", cycle).then().statusCode(200);
        return cycle;
    }

    void assign(String cycle, String party, String evaluator, String subject) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("assignments",
                        List.of(Map.of("party", party, "evaluator", evaluator, "subject", subject))))
                .post("/api/v1/cycles/{id}/assignments", cycle).then().statusCode(200);
    }

    io.restassured.response.ValidatableResponse rate(String token, String cycle, String subject, String party,
            List<Map<String, Object>> criteria) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("subject", subject, "party", party, "criteria", criteria))
                .post("/api/v1/cycles/{id}/ratings", cycle).then();
    }

    static List<Map<String, Object>> one(String code, double score) {
        return List.of(Map.of("code", code, "score", score));
    }

    @Test
    void handComputedCycleWithTrimmingAMissingPartyRankingAndTheLedger() throws Exception {
        String s = unique("S");
        String s2 = unique("T");
        String peer = unique("P");
        registerSubject(s);
        registerSubject(s2);
        scorecard(s, 84, 90, "PASSED");
        satisfaction(s, 70, 40);
        scorecard(s2, 95, 95, "PASSED");
        Eventually.until("inputs consumed", Duration.ofSeconds(30),
                () -> count("select count(*) from known_subject where code in (?1, ?2)", s, s2) == 2
                        && count("select count(*) from scorecard_input where subject_code in (?1, ?2)", s, s2) == 2
                        && count("select count(*) from satisfaction_input where subject_code = ?1", s) == 1);

        String cycle = createCycle(List.of(s, s2));
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/open", cycle).then().statusCode(200)
                .body("status", equalTo("OPEN"));

        // SUPERIOR: five ratings 90, 70, 80, 60, 100 → drop 60 and 100 → mean 80; β = 0.5 with scorecard 84 → 82
        double[] sup = {90, 70, 80, 60, 100};
        for (int i = 0; i < sup.length; i++) {
            assign(cycle, "SUPERIOR", "sup-" + i, s);
            rate(TestTokens.superior("sup-" + i), cycle, s, "SUPERIOR", one("GOAL_ACHIEVEMENT", sup[i]))
                    .statusCode(201);
        }
        // THIRD_PARTY: weighted criteria (90·3 + 70·1) / 4 = 85
        assign(cycle, "THIRD_PARTY", "ORG-A", s);
        rate(TestTokens.assessor("a-1", "ORG-A"), cycle, s, "THIRD_PARTY",
                List.of(Map.of("code", "PROFESSIONAL_COMPLIANCE", "score", 90, "weight", 3),
                        Map.of("code", "SERVICE_QUALITY", "score", 70, "weight", 1)))
                .statusCode(201).body("value", equalTo(85));
        // PEER: 0.8 · 75 + 0.2 · self 100 = 80 (the first peer rating 50 is replaced by 75)
        assign(cycle, "PEER", peer, s);
        rate(TestTokens.department(peer), cycle, s, "PEER", one("COLLABORATION", 50)).statusCode(201)
                .body("replaced", equalTo(false));
        rate(TestTokens.department(peer), cycle, s, "PEER", one("COLLABORATION", 75)).statusCode(201)
                .body("replaced", equalTo(true));
        rate(TestTokens.department(s), cycle, s, "SELF", one("COLLABORATION", 100)).statusCode(201);

        // the wrong evaluators: not assigned, own department as peer, criteria outside the rights list, bad score
        rate(TestTokens.superior("sup-x"), cycle, s, "SUPERIOR", one("GOAL_ACHIEVEMENT", 10)).statusCode(403);
        rate(TestTokens.department(peer), cycle, s2, "PEER", one("COLLABORATION", 10)).statusCode(403);
        rate(TestTokens.department(s), cycle, s, "PEER", one("COLLABORATION", 10)).statusCode(422);
        rate(TestTokens.department(peer), cycle, s2, "SELF", one("COLLABORATION", 10)).statusCode(403);
        rate(TestTokens.assessor("a-2", "ORG-B"), cycle, s, "THIRD_PARTY", one("PROFESSIONAL_COMPLIANCE", 10))
                .statusCode(403);
        rate(TestTokens.assessor("a-1", "ORG-A"), cycle, s, "THIRD_PARTY", one("GOAL_ACHIEVEMENT", 10)).statusCode(422);
        rate(TestTokens.superior("sup-0"), cycle, s, "SUPERIOR", one("GOAL_ACHIEVEMENT", 101)).statusCode(400)
                .body("violations.field", hasItem("criteria[0].score"));
        rate(TestTokens.superior("sup-0"), cycle, s, "SUPERIOR", List.of(Map.of("code", "GOAL_ACHIEVEMENT", "score",
                50), Map.of("code", "GOAL_ACHIEVEMENT", "score", 90))).statusCode(400)
                .body("violations[0].field", equalTo("criteria[1].code"));
        rate(TestTokens.superior("sup-0"), cycle, s, "THIRD_PARTY", one("GOAL_ACHIEVEMENT", 50)).statusCode(403);
        assertEquals(9,
                count("select count(*) from rating r join cycle c on c.id = r.cycle_id where c.id = cast(?1 as uuid)",
                        cycle));

        // provisional: composite = (40·82 + 30·70 + 20·85 + 10·80) / 100 = 78.80, PASS; S2 has SUPERIOR only → 95
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}/results/{s}", cycle, s).then()
                .statusCode(200).body("provisional", equalTo(true)).body("composite", equalTo(78.8f))
                .body("grade", equalTo("PASS")).body("coverage", equalTo(100))
                .body("parties.find { it.party == 'SUPERIOR' }.score", equalTo(82))
                .body("parties.find { it.party == 'SUPERIOR' }.trimmedRatings.size()", equalTo(2))
                .body("parties.find { it.party == 'PEER' }.score", equalTo(80))
                .body("flags", not(hasItem("INCOMPLETE")));
        // the provisional table in pages of one: S2 (95) before S (78.80)
        given().auth().oauth2(TestTokens.admin()).queryParam("size", 1).get("/api/v1/cycles/{id}/results", cycle)
                .then().statusCode(200).body("items.subject", equalTo(List.of(s2))).body("items[0].rank", equalTo(1))
                .body("items[0].provisional", equalTo(true)).body("totalItems", equalTo(2))
                .body("totalPages", equalTo(2));
        given().auth().oauth2(TestTokens.admin()).queryParam("size", 1).queryParam("page", 1)
                .get("/api/v1/cycles/{id}/results", cycle).then().statusCode(200)
                .body("items.subject", equalTo(List.of(s))).body("items[0].composite", equalTo(78.8f));
        given().auth().oauth2(TestTokens.admin()).queryParam("page", 5).get("/api/v1/cycles/{id}/results", cycle)
                .then().statusCode(200).body("items", empty()).body("totalItems", equalTo(2));
        // departments see nothing before publication
        given().auth().oauth2(TestTokens.department(s)).get("/api/v1/cycles/{id}/results", cycle).then()
                .statusCode(403);

        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/finalize", cycle).then().statusCode(409);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/close", cycle).then().statusCode(200);
        rate(TestTokens.superior("sup-0"), cycle, s, "SUPERIOR", one("GOAL_ACHIEVEMENT", 10)).statusCode(409);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/finalize", cycle).then().statusCode(200)
                .body("status", equalTo("FINALIZED"));

        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}/results", cycle).then().statusCode(200)
                .body("items.subject", equalTo(List.of(s2, s))).body("items.rank", equalTo(List.of(1, 2)))
                .body("items[0].composite", equalTo(95)).body("items[0].coverage", equalTo(40))
                .body("items[0].flags", hasItem("INCOMPLETE")).body("items[1].provisional", equalTo(false))
                .body("items.light", equalTo(List.of("GREEN", "YELLOW"))).body("totalItems", equalTo(2));
        // the frozen table in pages of one: the second page is the second rank
        given().auth().oauth2(TestTokens.admin()).queryParam("size", 1).queryParam("page", 1)
                .get("/api/v1/cycles/{id}/results", cycle).then().statusCode(200)
                .body("items.subject", equalTo(List.of(s))).body("items[0].rank", equalTo(2))
                .body("page", equalTo(1)).body("size", equalTo(1)).body("totalItems", equalTo(2))
                .body("totalPages", equalTo(2));
        given().auth().oauth2(TestTokens.admin()).queryParam("size", 101).get("/api/v1/cycles/{id}/results", cycle)
                .then().statusCode(400).contentType("application/problem+json");

        var events = TopicProbe.await(bootstrap, "jixiao.evaluation.events",
                r -> s.equals(r.key())
                        && "jixiao.evaluation.result.finalized.v1".equals(TopicProbe.header(r, "ce_type")),
                1, Duration.ofSeconds(20));
        assertEquals(1, events.size());
        assertEquals(List.of(), EventSamples.shapeDifferences("jixiao.evaluation.result.finalized.v1",
                events.get(0).value()));
        JsonNode payload = mapper.readTree(events.get(0).value());
        assertEquals(0, payload.get("composite").decimalValue().compareTo(new BigDecimal("78.8")));
        assertEquals("PASS", payload.get("grade").asText());
        assertEquals(2, payload.get("rank").asInt());
        assertEquals(0, payload.at("/partyScores/SUPERIOR").decimalValue().compareTo(new BigDecimal("82")));

        var submitted = TopicProbe.await(bootstrap, "jixiao.evaluation.events",
                r -> s.equals(r.key())
                        && "jixiao.evaluation.rating.submitted.v1".equals(TopicProbe.header(r, "ce_type")),
                9, Duration.ofSeconds(20));
        assertEquals(List.of(), EventSamples.shapeDifferences("jixiao.evaluation.rating.submitted.v1",
                submitted.get(0).value()));

        // the ledger holds, until a rating is changed behind the API's back
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/ledger/verify", cycle).then()
                .statusCode(200).body("valid", equalTo(true)).body("checked", equalTo(9));
        given().auth().oauth2(TestTokens.superior("sup-0")).post("/api/v1/cycles/{id}/ledger/verify", cycle).then()
                .statusCode(403);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update rating set value = 99 where id = (select rating_id from ledger_entry where cycle_id = cast(?1 as uuid) order by seq offset 3 limit 1)")
                .setParameter(1, cycle).executeUpdate());
        long fourth = count(
                "select seq from ledger_entry where cycle_id = cast(?1 as uuid) order by seq offset 3 limit 1", cycle);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/ledger/verify", cycle).then()
                .statusCode(200).body("valid", equalTo(false)).body("firstBrokenSeq", equalTo((int) fourth));
    }

    /** The list narrows by status, period and the subjects a cycle evaluates; a value that is none of them is a 400. */
    @Test
    void cyclesAreListedByStatusPeriodAndSubject() {
        String a = TestDb.registeredSubject(em, bootstrap, "L");
        String b = TestDb.registeredSubject(em, bootstrap, "L");
        String both = createCycle(List.of(a, b));
        String onlyA = openCycleRatedBy(a, "mayor");
        String onlyB = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "2026年上半年考评", "period", "2026-H1", "subjects", List.of(b)))
                .post("/api/v1/cycles").then().statusCode(201).extract().path("id");

        given().auth().oauth2(TestTokens.department(a)).queryParam("subject", a).get("/api/v1/cycles").then()
                .statusCode(200).body("items.id", equalTo(List.of(onlyA, both))).body("totalItems", equalTo(2));
        given().auth().oauth2(TestTokens.admin()).queryParam("subject", a).queryParam("status", "DRAFT")
                .get("/api/v1/cycles").then().statusCode(200).body("items.id", equalTo(List.of(both)));
        given().auth().oauth2(TestTokens.admin()).queryParam("subject", b).queryParam("period", "2026-H1")
                .get("/api/v1/cycles").then().statusCode(200).body("items.id", equalTo(List.of(onlyB)));
        given().auth().oauth2(TestTokens.admin()).queryParam("subject", b).get("/api/v1/cycles").then()
                .statusCode(200).body("items.id", equalTo(List.of(onlyB, both)));
        given().auth().oauth2(TestTokens.admin()).queryParam("status", "DONE").get("/api/v1/cycles").then()
                .statusCode(400);
        given().auth().oauth2(TestTokens.admin()).queryParam("period", "2026-13").get("/api/v1/cycles").then()
                .statusCode(400);
    }

    /**
     * The periods with cycles, the latest first, narrowed to a subject's: every cycle counts, also one older than a
     * hundred newer ones (a front end that read the latest page of cycles would miss its year).
     */
    @Test
    void thePeriodsWithCyclesCountEveryCycleOfASubject() {
        String a = TestDb.registeredSubject(em, bootstrap, "P", "activeFrom", null);
        String b = TestDb.registeredSubject(em, bootstrap, "P");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "2019年度绩效考评", "period", "2019", "subjects", List.of(a)))
                .post("/api/v1/cycles").then().statusCode(201);
        for (int i = 0; i < 100; i++) {
            createCycle(List.of(a));
        }
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "2026年上半年考评", "period", "2026-H1", "subjects", List.of(a, b)))
                .post("/api/v1/cycles").then().statusCode(201);

        given().auth().oauth2(TestTokens.department(a)).queryParam("subject", a).get("/api/v1/cycles/periods").then()
                .statusCode(200).body("period", equalTo(List.of("2026-H1", "2026", "2019")))
                .body("cycles", equalTo(List.of(1, 100, 1)));
        given().auth().oauth2(TestTokens.assessor("periods", "ORG")).queryParam("subject", b)
                .get("/api/v1/cycles/periods").then().statusCode(200).body("period", equalTo(List.of("2026-H1")))
                .body("cycles", equalTo(List.of(1)));
        given().auth().oauth2(TestTokens.admin()).queryParam("subject", "NOBODY").get("/api/v1/cycles/periods")
                .then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/periods").then().statusCode(200)
                .body("period", hasItems("2026-H1", "2026", "2019"));
        given().auth().oauth2(TestTokens.admin()).queryParam("subject", "X".repeat(33))
                .get("/api/v1/cycles/periods").then().statusCode(400);
        given().get("/api/v1/cycles/periods").then().statusCode(401);
    }

    /**
     * The current ratings, for a rating form: an evaluator sees its own and not replaced ones, another evaluator none
     * of them, a department its PEER and SELF ratings, the office all of them.
     */
    /** The item of a page about {@code subject}, as a path for the body's assertions. */
    static String mine(String subject) {
        return "items.find { it.subject == '" + subject + "' }";
    }

    @Test
    void anEvaluatorReadsItsOwnCurrentRatingsOnly() {
        String a = TestDb.registeredSubject(em, bootstrap, "R");
        String b = TestDb.registeredSubject(em, bootstrap, "R");
        String cycle = createCycle(List.of(a, b));
        assign(cycle, "SUPERIOR", "reader", a);
        assign(cycle, "SUPERIOR", "reader", b);
        assign(cycle, "PEER", b, a);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/open", cycle).then().statusCode(200);
        String superior = TestTokens.superior("reader");
        rate(superior, cycle, a, "SUPERIOR", one("GOAL_ACHIEVEMENT", 80)).statusCode(201);
        rate(superior, cycle, a, "SUPERIOR", List.of(Map.of("code", "GOAL_ACHIEVEMENT", "score", 90),
                Map.of("code", "STRATEGIC_FIT", "score", 95, "weight", 2))).statusCode(201)
                .body("replaced", equalTo(true));
        rate(superior, cycle, b, "SUPERIOR", one("STRATEGIC_FIT", 70)).statusCode(201);
        rate(TestTokens.department(b), cycle, a, "PEER", one("COLLABORATION", 60)).statusCode(201);
        rate(TestTokens.department(b), cycle, b, "SELF", one("RESPONSIVENESS", 99)).statusCode(201);

        // the superior's two, the replaced one not among them, each with its criteria as submitted
        given().auth().oauth2(superior).get("/api/v1/cycles/{id}/ratings", cycle).then().statusCode(200)
                .body("totalItems", equalTo(2)).body("items.subject", equalTo(Stream.of(a, b).sorted().toList()))
                .body("items.party", everyItem(equalTo("SUPERIOR")))
                .body("items.evaluator", everyItem(equalTo("reader")))
                .body(mine(a) + ".criteria.code", equalTo(List.of("GOAL_ACHIEVEMENT", "STRATEGIC_FIT")))
                .body(mine(a) + ".criteria[1].weight", equalTo(2)).body(mine(b) + ".value", equalTo(70));
        given().auth().oauth2(superior).queryParam("subject", b).get("/api/v1/cycles/{id}/ratings", cycle).then()
                .statusCode(200).body("items.subject", equalTo(List.of(b)));
        // another superior, and the department rated, see none of them
        given().auth().oauth2(TestTokens.superior("someone-else")).get("/api/v1/cycles/{id}/ratings", cycle).then()
                .statusCode(200).body("totalItems", equalTo(0));
        given().auth().oauth2(TestTokens.department(a)).get("/api/v1/cycles/{id}/ratings", cycle).then()
                .statusCode(200).body("totalItems", equalTo(0));
        // the peer its PEER and SELF ratings, narrowed by party when asked
        given().auth().oauth2(TestTokens.department(b)).get("/api/v1/cycles/{id}/ratings", cycle).then()
                .statusCode(200).body("totalItems", equalTo(2)).body(mine(a) + ".party", equalTo("PEER"))
                .body(mine(b) + ".party", equalTo("SELF"));
        given().auth().oauth2(TestTokens.department(b)).queryParam("party", "SELF")
                .get("/api/v1/cycles/{id}/ratings", cycle).then().statusCode(200)
                .body("items.value", equalTo(List.of(99)));
        // the office every current rating of a subject
        given().auth().oauth2(TestTokens.admin()).queryParam("subject", a).get("/api/v1/cycles/{id}/ratings", cycle)
                .then().statusCode(200).body("items.party", equalTo(List.of("PEER", "SUPERIOR")))
                .body("items.evaluator", equalTo(List.of(b, "reader")));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}/ratings", UUID.randomUUID()).then()
                .statusCode(404);
        given().auth().oauth2(TestTokens.admin()).queryParam("party", "MAYOR").get("/api/v1/cycles/{id}/ratings", cycle)
                .then().statusCode(400);
        given().auth().oauth2(TestTokens.finance()).get("/api/v1/cycles/{id}/ratings", cycle).then().statusCode(403);
        given().get("/api/v1/cycles/{id}/ratings", cycle).then().statusCode(401);
    }

    /**
     * The office's view of how far the assigned ratings have come: per party, assigned and given (a replaced rating
     * counts once, a SELF rating not at all), and the assignments still waiting, narrowed by party.
     */
    @Test
    void theProgressCountsTheAssignedRatingsGivenAndListsThoseStillWaiting() {
        String a = TestDb.registeredSubject(em, bootstrap, "G");
        String b = TestDb.registeredSubject(em, bootstrap, "G");
        String c = TestDb.registeredSubject(em, bootstrap, "G");
        String cycle = createCycle(List.of(a, b, c));
        assign(cycle, "SUPERIOR", "prog-sup", a);
        assign(cycle, "SUPERIOR", "prog-sup", b);
        assign(cycle, "PEER", b, a);
        assign(cycle, "PEER", c, a);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}/progress", cycle).then().statusCode(200)
                .body("status", equalTo("DRAFT")).body("parties.party", equalTo(List.of("PEER", "SUPERIOR")))
                .body("parties.assigned", equalTo(List.of(2, 2))).body("parties.rated", equalTo(List.of(0, 0)))
                .body("pending.totalItems", equalTo(4));
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/open", cycle).then().statusCode(200);
        rate(TestTokens.superior("prog-sup"), cycle, a, "SUPERIOR", one("GOAL_ACHIEVEMENT", 80)).statusCode(201);
        rate(TestTokens.superior("prog-sup"), cycle, a, "SUPERIOR", one("GOAL_ACHIEVEMENT", 85)).statusCode(201);
        rate(TestTokens.department(b), cycle, a, "PEER", one("COLLABORATION", 70)).statusCode(201);
        rate(TestTokens.department(c), cycle, c, "SELF", one("COLLABORATION", 90)).statusCode(201);

        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}/progress", cycle).then().statusCode(200)
                .body("cycle", equalTo(cycle)).body("status", equalTo("OPEN"))
                .body("parties.assigned", equalTo(List.of(2, 2))).body("parties.rated", equalTo(List.of(1, 1)))
                .body("pending.totalItems", equalTo(2))
                .body("pending.items.party", equalTo(List.of("PEER", "SUPERIOR")))
                .body("pending.items.evaluator", equalTo(List.of(c, "prog-sup")))
                .body("pending.items.subject", equalTo(List.of(a, b)));
        given().auth().oauth2(TestTokens.admin()).queryParam("party", "SUPERIOR")
                .get("/api/v1/cycles/{id}/progress", cycle).then().statusCode(200)
                .body("pending.items.subject", equalTo(List.of(b))).body("parties.size()", equalTo(2));
        // the office's: an evaluator, the department evaluated and another service's role are refused
        given().auth().oauth2(TestTokens.superior("prog-sup")).get("/api/v1/cycles/{id}/progress", cycle).then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.department(a)).get("/api/v1/cycles/{id}/progress", cycle).then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}/progress", UUID.randomUUID()).then()
                .statusCode(404);
        given().auth().oauth2(TestTokens.admin()).queryParam("size", 1000).get("/api/v1/cycles/{id}/progress", cycle)
                .then().statusCode(400);
        given().get("/api/v1/cycles/{id}/progress", cycle).then().statusCode(401);
    }

    /** A rating's value of 90 (the mean of 88 and 92) is written 90, not in Jackson's default 9E+1. */
    @Test
    void decimalsAreWrittenAsPlainNumbers() {
        String s = TestDb.registeredSubject(em, bootstrap, "N");
        String cycle = openCycleRatedBy(s, "plain");
        String body = rate(TestTokens.superior("plain"), cycle, s, "SUPERIOR",
                List.of(Map.of("code", "GOAL_ACHIEVEMENT", "score", 88), Map.of("code", "STRATEGIC_FIT", "score", 92)))
                .statusCode(201).extract().asString();
        assertTrue(body.contains("\"value\":90,"), body);
        String result = given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}/results/{s}", cycle, s)
                .then().statusCode(200).extract().asString();
        assertFalse(java.util.regex.Pattern.compile("[:,\\[]-?\\d+(\\.\\d+)?[eE][+-]?\\d").matcher(result).find(),
                result);
    }

    @Test
    void aCreatedRecordShowsTheSameTimeInItsAnswerAndInEveryLaterRead() {
        String subject = TestDb.registeredSubject(em, bootstrap, "M");
        for (int i = 0; i < 5; i++) { // one time in a thousand has no nanoseconds past the microsecond
            var created = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("name", "时间精度", "period", "2026", "subjects", List.of(subject)))
                    .post("/api/v1/cycles")
                    .then().statusCode(201).extract();
            String at = created.path("createdAt");
            assertTrue(at.matches(".*T\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?Z"), at);
            given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}", created.<String>path("id")).then()
                    .statusCode(200).body("createdAt", org.hamcrest.Matchers.equalTo(at));
        }
    }

    @Test
    void assignmentsAreListedInPagesAndEachEvaluatorSeesOnlyItsOwn() {
        String a = TestDb.registeredSubject(em, bootstrap, "G");
        String b = TestDb.registeredSubject(em, bootstrap, "H");
        String cycle = createCycle(List.of(a, b));
        String boss = unique("boss");
        List<Map<String, String>> first = List.of(Map.of("party", "SUPERIOR", "evaluator", boss, "subject", a),
                Map.of("party", "SUPERIOR", "evaluator", boss, "subject", b),
                Map.of("party", "PEER", "evaluator", b, "subject", a));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("assignments", first))
                .post("/api/v1/cycles/{id}/assignments", cycle).then().statusCode(200)
                .body("subject", equalTo(List.of(a, b, a))).body("party", equalTo(List.of("SUPERIOR", "SUPERIOR",
                        "PEER")));
        // adding one more answers that one and the one already there, not the whole cycle
        String again = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("assignments", List.of(Map.of("party", "THIRD_PARTY", "evaluator", "ORG-Q", "subject",
                        b), first.get(0))))
                .post("/api/v1/cycles/{id}/assignments", cycle).then().statusCode(200)
                .body("party", equalTo(List.of("THIRD_PARTY", "SUPERIOR"))).extract().path("[1].id");

        // the office: all four, in pages, ordered by party (by name), evaluator, subject; then filtered
        given().auth().oauth2(TestTokens.admin()).queryParam("size", 3).get("/api/v1/cycles/{id}/assignments", cycle)
                .then().statusCode(200).body("totalItems", equalTo(4)).body("totalPages", equalTo(2))
                .body("items.party", equalTo(List.of("PEER", "SUPERIOR", "SUPERIOR")))
                .body("items.subject", equalTo(List.of(a, a, b))).body("items[1].id", equalTo(again));
        given().auth().oauth2(TestTokens.admin()).queryParam("size", 3).queryParam("page", 1)
                .get("/api/v1/cycles/{id}/assignments", cycle).then().statusCode(200)
                .body("items.evaluator", equalTo(List.of("ORG-Q"))).body("totalItems", equalTo(4));
        // past the last page: no items, and still the total (counted on its own: no row carries it)
        given().auth().oauth2(TestTokens.admin()).queryParam("size", 3).queryParam("page", 2)
                .get("/api/v1/cycles/{id}/assignments", cycle).then().statusCode(200)
                .body("items", empty()).body("totalItems", equalTo(4)).body("totalPages", equalTo(2));
        given().auth().oauth2(TestTokens.admin()).queryParam("subject", a).get("/api/v1/cycles/{id}/assignments",
                cycle).then().statusCode(200).body("items.party", equalTo(List.of("PEER", "SUPERIOR")));
        given().auth().oauth2(TestTokens.admin()).queryParam("party", "SUPERIOR").queryParam("subject", b)
                .get("/api/v1/cycles/{id}/assignments", cycle).then().statusCode(200)
                .body("items.evaluator", equalTo(List.of(boss))).body("totalItems", equalTo(1));

        // each evaluator its own; the subject filter cannot widen that; a stranger sees an empty page
        given().auth().oauth2(TestTokens.superior(boss)).get("/api/v1/cycles/{id}/assignments", cycle).then()
                .statusCode(200).body("items.subject", equalTo(List.of(a, b))).body("totalItems", equalTo(2));
        given().auth().oauth2(TestTokens.department(b)).queryParam("subject", b)
                .get("/api/v1/cycles/{id}/assignments", cycle).then().statusCode(200).body("totalItems", equalTo(0));
        given().auth().oauth2(TestTokens.department(b)).get("/api/v1/cycles/{id}/assignments", cycle).then()
                .statusCode(200).body("items.party", equalTo(List.of("PEER"))).body("items[0].subject", equalTo(a));
        given().auth().oauth2(TestTokens.assessor("x-1", "ORG-Q")).get("/api/v1/cycles/{id}/assignments", cycle)
                .then().statusCode(200).body("items.subject", equalTo(List.of(b)));
        given().auth().oauth2(TestTokens.superior(unique("other"))).get("/api/v1/cycles/{id}/assignments", cycle)
                .then().statusCode(200).body("items", empty()).body("totalItems", equalTo(0));
        given().auth().oauth2(TestTokens.finance()).get("/api/v1/cycles/{id}/assignments", cycle).then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.admin()).queryParam("size", 0).get("/api/v1/cycles/{id}/assignments", cycle)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aDuplicateDeliveryChangesNothingAndAPoisonRecordGoesToTheDeadLetterTopic() {
        String s = unique("D");
        UUID id = UUID.randomUUID();
        String type = "jixiao.indicator.scorecard.computed.v1";
        EventSamples.send(bootstrap, INDICATOR, type, s, EventSamples.with(type, "subject", s, "period", "2026",
                "total", 50), id);
        Eventually.until("first delivery applied", Duration.ofSeconds(30),
                () -> count("select count(*) from scorecard_input where subject_code = ?1", s) == 1);
        // the same event id again, even with another payload, is recognized and skipped
        EventSamples.send(bootstrap, INDICATOR, type, s, EventSamples.with(type, "subject", s, "period", "2026",
                "total", 99, "computedAt", "2030-01-01T00:00:00Z"), id);
        String marker = unique("M");
        registerSubject(marker);
        Eventually.until("a later event on the same partition consumed", Duration.ofSeconds(30),
                () -> count("select count(*) from known_subject where code = ?1", marker) == 1);
        assertEquals(1, count("select count(*) from processed_event where event_id = cast(?1 as uuid)", id.toString()));
        assertEquals(50, count("select cast(total as bigint) from scorecard_input where subject_code = ?1", s));

        String poison = unique("X");
        EventSamples.send(bootstrap, INDICATOR, type, poison, "{\"subject\": [not json", UUID.randomUUID());
        var dead = TopicProbe.await(bootstrap, "jixiao.evaluation.dlq", r -> poison.equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertEquals(1, dead.size(), "the poison record is on the dead-letter topic");
        // a total whose rounding would take minutes of a core does not match the payload either
        String huge = unique("X");
        EventSamples.send(bootstrap, INDICATOR, type, huge, EventSamples.with(type, "subject", huge, "period", "2026",
                "total", new java.math.BigDecimal("5E-999999999")), UUID.randomUUID());
        var parked = TopicProbe.await(bootstrap, "jixiao.evaluation.dlq", r -> huge.equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertEquals(1, parked.size(), "the record with an unbounded number is on the dead-letter topic");
        assertEquals(0, count("select count(*) from scorecard_input where subject_code = ?1", huge));
        String after = unique("A");
        registerSubject(after);
        Eventually.until("the consumer goes on after a poison record", Duration.ofSeconds(30),
                () -> count("select count(*) from known_subject where code = ?1", after) == 1);
    }

    /**
     * A close waits for the ratings in flight, and a rating that comes while the close waits reads the closed cycle.
     * The test holds the first rating inside its transaction (it holds the rating's slot lock from its own
     * connection), so the rating has read its cycle as OPEN when the close is sent. Without the cycle's status lock the
     * close committed at once, and the rating committed after it: accepted after the close, and missing from results
     * finalized in between.
     */
    @Test
    void aCloseWaitsForTheRatingsInFlightAndRatingsAfterItAreRefused() throws Exception {
        String s = TestDb.registeredSubject(em, bootstrap, "W");
        String cycle = createCycle(List.of(s));
        assign(cycle, "SUPERIOR", "early", s);
        assign(cycle, "SUPERIOR", "late", s);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/open", cycle).then().statusCode(200);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<Integer> inFlight;
            Future<Integer> close;
            Future<Integer> late;
            try (Connection holder = dataSource.getConnection(); Statement st = holder.createStatement()) {
                // a session lock on a pooled connection: released below, not by closing the connection
                st.execute("select pg_advisory_lock(hashtextextended('rating/" + cycle + "/" + s
                        + "/SUPERIOR/early', 0))");
                try {
                    inFlight = pool.submit(() -> rate(TestTokens.superior("early"), cycle, s, "SUPERIOR",
                            one("GOAL_ACHIEVEMENT", 70)).extract().statusCode());
                    TestDb.awaitSessionsWaitingForLocks(em, 1, "the first rating waits inside its transaction");
                    close = pool.submit(() -> given().auth().oauth2(TestTokens.admin())
                            .post("/api/v1/cycles/{id}/close", cycle).then().extract().statusCode());
                    TestDb.awaitSessionsWaitingForLocks(em, 2, "the close waits for the rating in flight");
                    late = pool.submit(() -> rate(TestTokens.superior("late"), cycle, s, "SUPERIOR",
                            one("GOAL_ACHIEVEMENT", 90)).extract().statusCode());
                    TestDb.awaitSessionsWaitingForLocks(em, 3, "the later rating waits behind the close");
                    assertFalse(close.isDone(), "the close has not returned while the rating is in flight");
                } finally {
                    st.execute("select pg_advisory_unlock_all()");
                }
            }
            assertEquals(201, inFlight.get(30, TimeUnit.SECONDS), "the rating in flight is accepted");
            assertEquals(200, close.get(30, TimeUnit.SECONDS));
            assertEquals(409, late.get(30, TimeUnit.SECONDS), "the rating after the close is refused");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("select count(*) from rating where cycle_id = cast(?1 as uuid)", cycle));
    }

    /**
     * Two admins open the same cycle at once. The test holds one open inside its transaction, written but not committed;
     * the other, sent meanwhile, read the cycle before that commit, and its version check fails when it commits. That
     * failure comes wrapped by the commit, and was answered with a 500. It is a 409, and the loser changed nothing.
     */
    @Test
    void aChangeThatLosesItsVersionCheckAtCommitIsAConflict() throws Exception {
        String s = TestDb.registeredSubject(em, bootstrap, "V");
        String cycle = createCycle(List.of(s));
        try (HeldTransaction first = HeldTransaction.of(() -> {
            cycleService.open(UUID.fromString(cycle));
            em.flush();
        })) {
            var refused = first.commitWhileWaitedOn(em, "the second open waits for the first one's row at its commit",
                    () -> given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/open", cycle).then()
                            .extract().response());
            assertEquals(409, refused.statusCode(), refused.asString());
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
            assertEquals("https://jixiao.io/problems/conflict", refused.path("type"));
        }
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}", cycle).then().statusCode(200)
                .body("status", equalTo("OPEN")).body("version", equalTo(1));
    }

    /**
     * An assessor's system that lost the answer to its rating sends it again with its {@code Idempotency-Key}: the
     * first answer comes back and the ledger has one rating. Without the key the retry is a replacement (a second
     * version of the evaluator's rating, on the ledger).
     */
    @Test
    void aRatingSentAgainWithItsIdempotencyKeyIsStoredOnce() {
        String s = TestDb.registeredSubject(em, bootstrap, "K");
        String cycle = openCycleRatedBy(s, "retrier");
        String key = UUID.randomUUID().toString();
        var body = Map.of("subject", s, "party", "SUPERIOR", "criteria", one("GOAL_ACHIEVEMENT", 77));
        String first = given().auth().oauth2(TestTokens.superior("retrier")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/cycles/{id}/ratings", cycle).then()
                .statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.superior("retrier")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/cycles/{id}/ratings", cycle).then()
                .statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        assertEquals(1, count("select count(*) from rating where cycle_id = cast(?1 as uuid)", cycle));
        rate(TestTokens.superior("retrier"), cycle, s, "SUPERIOR", one("GOAL_ACHIEVEMENT", 77)).statusCode(201);
        assertEquals(2, count("select count(*) from rating where cycle_id = cast(?1 as uuid)", cycle));
    }

    @Test
    void cycleRulesAreEnforced() {
        String s = TestDb.registeredSubject(em, bootstrap, "C");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "period", "2026", "subjects", List.of(s), "weights",
                        Map.of("SUPERIOR", 50, "PUBLIC", 30, "THIRD_PARTY", 20, "PEER", 10)))
                .post("/api/v1/cycles").then().statusCode(422)
                .body("detail", org.hamcrest.Matchers.containsString("100"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "period", "2026", "subjects", List.of(s), "greenThreshold", 50,
                        "yellowThreshold", 70))
                .post("/api/v1/cycles").then().statusCode(422);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "period", "2026", "subjects", List.of("NEVER_REGISTERED")))
                .post("/api/v1/cycles").then().statusCode(422).body("violations.field", hasItem("subjects"));
        // weights that sum to 100 only with a third decimal: the column keeps two, so the stored cycle summed to
        // 99.99 and every later read of it was a 500; refused, with the share and threshold columns' limits too
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"period\":\"2026\",\"subjects\":[\"" + s + "\"],\"weights\":{\"SUPERIOR\":"
                        + "33.334,\"PUBLIC\":33.333,\"THIRD_PARTY\":33.333,\"PEER\":0},\"objectiveShare\":0.12345,"
                        + "\"greenThreshold\":89.995}")
                .post("/api/v1/cycles").then().statusCode(400).contentType("application/problem+json")
                .body("violations.size()", org.hamcrest.Matchers.equalTo(5))
                .body("violations.message", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.startsWith(
                        "at most ")));
        given().auth().oauth2(TestTokens.superior("boss")).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "period", "2026", "subjects", List.of(s)))
                .post("/api/v1/cycles").then().statusCode(403);
        String cycle = createCycle(List.of(s));
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/publish", cycle).then().statusCode(409)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/open", UUID.randomUUID()).then()
                .statusCode(404);
        assertTrue(count("select count(*) from cycle where name = 'x'") == 0);

        // a subject registered but not in the cycle cannot be rated, even by a superior assigned elsewhere in it
        String outside = unique("N");
        registerSubject(outside);
        Eventually.until("subject known", Duration.ofSeconds(30),
                () -> count("select count(*) from known_subject where code = ?1", outside) == 1);
        assign(cycle, "SUPERIOR", "boss", s);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/open", cycle).then().statusCode(200)
                .body("subjects", equalTo(List.of(s)));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}", cycle).then().statusCode(200)
                .body("subjects", equalTo(List.of(s)));
        given().auth().oauth2(TestTokens.superior("boss")).contentType(ContentType.JSON)
                .body(Map.of("subject", outside, "party", "SUPERIOR", "criteria",
                        List.of(Map.of("code", "GOAL_ACHIEVEMENT", "score", 80))))
                .post("/api/v1/cycles/{id}/ratings", cycle).then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("not in the cycle"));
        assertEquals(0, count("select count(*) from rating where cycle_id = cast(?1 as uuid)", cycle));
    }
}
