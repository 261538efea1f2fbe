package io.jixiao.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.indicator.domain.SubjectLevel;
import io.jixiao.indicator.repository.IndicatorVersionRepository;
import io.jixiao.indicator.service.SubjectService;
import io.jixiao.kit.tx.WriteGate;
import io.jixiao.testsupport.EventSamples;
import io.jixiao.testsupport.HeldTransaction;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.jixiao.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A reorganisation: a unit renamed, moved under another department and closed. The subject keeps its code, the
 * revision is published as {@code subject.changed} for the other services' copies, and a revision that is stale, makes
 * a cycle, names an unknown parent or comes from anyone but an admin changes nothing and publishes nothing.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class SubjectRevisionTest {

    static final String CHANGED = "jixiao.indicator.subject.changed.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    static void register(String code, String parent, String level) {
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "nameZh", "单位" + code, "level", level));
        if (parent != null) {
            body.put("parentCode", parent);
        }
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body).post("/api/v1/subjects")
                .then().statusCode(201);
    }

    static Map<String, Object> revision(String parent, String activeTo) {
        Map<String, Object> body = new HashMap<>(Map.of("nameZh", "市第一中学（合并）", "nameEn", "No. 1 Middle School",
                "level", "UNIT", "activeFrom", "2026-01-01"));
        body.put("parentCode", parent);
        body.put("activeTo", activeTo);
        return body;
    }

    long changedEvents(String code) {
        return TestDb.count(em, "select count(*) from outbox_event where record_key = ?1 and event_type = ?2", code,
                CHANGED);
    }

    @Test
    void aUnitRenamedMovedAndClosedIsPublishedAsChangedWithItsNewVersion() throws Exception {
        String a = IndicatorApiTest.unique("REVA");
        String b = IndicatorApiTest.unique("REVB");
        String unit = IndicatorApiTest.unique("REVU");
        register(a, null, "DEPARTMENT");
        register(b, null, "DEPARTMENT");
        register(unit, a, "UNIT");
        String etag = given().auth().oauth2(TestTokens.department(a)).get("/api/v1/subjects/" + unit).then()
                .statusCode(200).extract().header("ETag");

        String revised = given().auth().oauth2(TestTokens.admin()).header("If-Match", etag)
                .contentType(ContentType.JSON).body(revision(b, "2026-12-31")).put("/api/v1/subjects/" + unit).then()
                .log().ifValidationFails()
                .statusCode(200).body("code", equalTo(unit)).body("parentCode", equalTo(b))
                .body("nameZh", equalTo("市第一中学（合并）")).body("activeTo", equalTo("2026-12-31")).extract()
                .header("ETag");
        assertEquals(false, etag.equals(revised), "a new version");
        given().auth().oauth2(TestTokens.system("hall-system")).get("/api/v1/subjects/" + unit).then().statusCode(200)
                .header("ETag", revised).body("parentCode", equalTo(b));

        var events = TopicProbe.await(bootstrap, IndicatorApiTest.TOPIC,
                r -> unit.equals(r.key()) && CHANGED.equals(TopicProbe.header(r, "ce_type")), 1,
                Duration.ofSeconds(20));
        JsonNode e = mapper.readTree(events.get(0).value());
        assertEquals(b, e.path("parentCode").asText());
        assertEquals("2026-12-31", e.path("activeTo").asText());
        assertEquals(List.of(), EventSamples.shapeDifferences(CHANGED, events.get(0).value()),
                "the shape of its sample, that of subject.registered");

        // the same revision again changes nothing: no new version, no second event
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(revision(b, "2026-12-31"))
                .put("/api/v1/subjects/" + unit).then().statusCode(200).header("ETag", revised);
        assertEquals(1, changedEvents(unit));
    }

    @Test
    void aStaleCyclicUnknownOrUnauthorisedRevisionChangesNothing() {
        String a = IndicatorApiTest.unique("REVA");
        String unit = IndicatorApiTest.unique("REVU");
        String below = IndicatorApiTest.unique("REVL");
        register(a, null, "DEPARTMENT");
        register(unit, a, "UNIT");
        register(below, unit, "UNIT");
        String etag = given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/" + unit).then().statusCode(200)
                .extract().header("ETag");

        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"999\"").contentType(ContentType.JSON)
                .body(revision(a, null)).put("/api/v1/subjects/" + unit).then().statusCode(412)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(revision(below, null))
                .put("/api/v1/subjects/" + unit).then().statusCode(422).body("detail", containsString("under it"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(revision(unit, null))
                .put("/api/v1/subjects/" + unit).then().statusCode(422);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(revision("NO-SUCH", null))
                .put("/api/v1/subjects/" + unit).then().statusCode(422).body("detail", containsString("NO-SUCH"));
        Map<String, Object> backwards = revision(a, "2025-12-31");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(backwards)
                .put("/api/v1/subjects/" + unit).then().statusCode(400)
                .body("violations[0].field", equalTo("activeTo"));
        Map<String, Object> nameless = revision(a, null);
        nameless.remove("nameZh");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(nameless)
                .put("/api/v1/subjects/" + unit).then().statusCode(400);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(revision(a, null))
                .put("/api/v1/subjects/NO-SUCH").then().statusCode(404);
        // city → department → unit: a parent never sits below its child, neither on registration nor on revision
        Map<String, Object> city = revision(a, null);
        city.put("level", "CITY");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(city)
                .put("/api/v1/subjects/" + unit).then().statusCode(422)
                .body("violations[0].field", equalTo("parentCode"))
                .body("detail", equalTo("parent subject " + a + " is a DEPARTMENT, below a CITY"));
        String stray = IndicatorApiTest.unique("REVC");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", stray, "nameZh", "市", "parentCode", unit, "level", "DEPARTMENT"))
                .post("/api/v1/subjects").then().statusCode(422).body("violations[0].field", equalTo("parentCode"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/" + stray).then().statusCode(404);
        // and a subject does not drop below what sits under it: a has the unit, and a department beside it
        String sibling = IndicatorApiTest.unique("REVD");
        register(sibling, a, "DEPARTMENT");
        Map<String, Object> demoted = revision(null, null);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(demoted)
                .put("/api/v1/subjects/" + a).then().statusCode(422).body("violations[0].field", equalTo("level"))
                .body("detail", equalTo(a + " has DEPARTMENT " + sibling + " under it, so it cannot be a UNIT"));
        for (String token : List.of(TestTokens.department(unit), TestTokens.department(a),
                TestTokens.system("hall-system"))) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(revision(a, null))
                    .put("/api/v1/subjects/" + unit).then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(revision(a, null)).put("/api/v1/subjects/" + unit).then()
                .statusCode(401);

        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/" + unit).then().statusCode(200)
                .header("ETag", etag).body("parentCode", equalTo(a)).body("nameZh", equalTo("单位" + unit));
        assertEquals(0, changedEvents(unit));
    }

    /**
     * A consuming service whose copy fell behind gets every subject again: one {@code subject.changed} each, with the
     * subject as it is now. Only an admin may ask, and a refused request publishes nothing.
     */
    @Test
    void everySubjectIsRepublishedAsItIsNow() throws Exception {
        String dept = IndicatorApiTest.unique("REPD");
        String unit = IndicatorApiTest.unique("REPU");
        register(dept, null, "DEPARTMENT");
        register(unit, dept, "UNIT");
        for (String token : List.of(TestTokens.department(dept), TestTokens.system("hall-system"))) {
            given().auth().oauth2(token).post("/api/v1/subjects/republish").then().statusCode(403)
                    .contentType("application/problem+json");
        }
        given().post("/api/v1/subjects/republish").then().statusCode(401);
        assertEquals(0, changedEvents(dept) + changedEvents(unit));

        long subjectCount = TestDb.count(em, "select count(*) from subject");
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/subjects/republish").then().statusCode(202)
                .body("published", equalTo((int) subjectCount));
        assertEquals(1, changedEvents(dept));
        assertEquals(1, changedEvents(unit));
        var events = TopicProbe.await(bootstrap, IndicatorApiTest.TOPIC,
                r -> unit.equals(r.key()) && CHANGED.equals(TopicProbe.header(r, "ce_type")), 1,
                Duration.ofSeconds(20));
        JsonNode e = mapper.readTree(events.get(0).value());
        assertEquals(dept, e.path("parentCode").asText());
        assertEquals("单位" + unit, e.path("nameZh").asText());
    }

    /** The list narrows to a level, a parent's children, and the subjects active for some of a period. */
    @Test
    void subjectsAreListedByLevelParentAndThePeriodTheyAreActiveIn() {
        String dept = IndicatorApiTest.unique("LSTD");
        String open = IndicatorApiTest.unique("LSTU");
        String closed = IndicatorApiTest.unique("LSTU");
        register(dept, null, "DEPARTMENT");
        register(open, dept, "UNIT");
        register(closed, dept, "UNIT");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(revision(dept, "2026-06-30"))
                .put("/api/v1/subjects/" + closed).then().statusCode(200);
        List<String> both = java.util.stream.Stream.of(open, closed).sorted().toList();

        Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        expected.put("parent=" + dept, both);
        expected.put("parent=" + dept + "&level=UNIT", both);
        expected.put("parent=" + dept + "&level=DEPARTMENT", List.of());
        expected.put("parent=" + dept + "&activeIn=2026-06", both);
        expected.put("parent=" + dept + "&activeIn=2026-H1", both);
        expected.put("parent=" + dept + "&activeIn=2026", both);
        expected.put("parent=" + dept + "&activeIn=2026-07", List.of(open));
        expected.put("parent=" + dept + "&activeIn=2025-Q4", List.of(open));
        expected.forEach((query, codes) -> assertEquals(codes,
                given().auth().oauth2(TestTokens.department(dept)).get("/api/v1/subjects?" + query + "&size=100")
                        .then().statusCode(200).extract().path("items.code"),
                query));
        // the names a page of another list needs: the subjects named, whatever their place in the whole list
        assertEquals(java.util.stream.Stream.of(dept, closed).sorted().toList(),
                given().auth().oauth2(TestTokens.department(dept)).queryParam("code", closed, "NOSUCH", dept)
                        .get("/api/v1/subjects").then().statusCode(200).extract().path("items.code"));
        assertEquals(List.of(open), given().auth().oauth2(TestTokens.admin()).queryParam("code", open, dept)
                .queryParam("level", "UNIT").get("/api/v1/subjects").then().statusCode(200)
                .extract().path("items.code"));
        // a hundred codes of the longest kind fit one request line (the gateway asks for names 100 at a time)
        given().auth().oauth2(TestTokens.admin()).queryParam("code", java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> String.format("S%031d", i)).toList()).queryParam("size", 100)
                .get("/api/v1/subjects").then().statusCode(200).body("totalItems", equalTo(0));
        given().auth().oauth2(TestTokens.admin())
                .queryParam("code", java.util.stream.IntStream.range(0, 101).mapToObj(i -> "S" + i).toList())
                .get("/api/v1/subjects").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("code")).body("violations[0].message",
                        equalTo("names at most 100 codes"));
        given().auth().oauth2(TestTokens.admin()).queryParam("code", dept, "fin';--").get("/api/v1/subjects").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("code"))
                .body("violations[0].message", equalTo("must be an upper-case code"));
        given().auth().oauth2(TestTokens.admin()).queryParam("level", "PROVINCE").get("/api/v1/subjects").then()
                .statusCode(400);
        given().auth().oauth2(TestTokens.admin()).queryParam("activeIn", "2026-Q5").get("/api/v1/subjects").then()
                .statusCode(400);
    }

    /**
     * An office closed on 30 June reports its June, and its year, but not its July: through the single value and the
     * bulk call alike (422 and 400, as for an unknown subject), and the refused bulk writes nothing.
     */
    @Test
    void aClosedSubjectHasNoValuesForPeriodsAfterItsEnd() {
        String dept = IndicatorApiTest.unique("REVC");
        String ind = IndicatorApiTest.unique("RVI");
        register(dept, null, "DEPARTMENT");
        IndicatorApiTest.indicator(ind, "FINANCIAL", 100, dept);
        Map<String, Object> closed = revision(null, "2026-06-30");
        closed.put("level", "DEPARTMENT");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(closed)
                .put("/api/v1/subjects/" + dept).then().statusCode(200);

        for (String period : List.of("2026-06", "2026", "2026-Q2")) {
            given().auth().oauth2(TestTokens.department(dept)).contentType(ContentType.JSON)
                    .body(Map.of("subject", dept, "indicator", ind, "period", period, "value", 90))
                    .post("/api/v1/values").then().statusCode(201);
        }
        given().auth().oauth2(TestTokens.department(dept)).contentType(ContentType.JSON)
                .body(Map.of("subject", dept, "indicator", ind, "period", "2026-07", "value", 90))
                .post("/api/v1/values").then().statusCode(422).body("violations[0].field", equalTo("period"))
                .body("detail", containsString("until 2026-06-30"));
        given().auth().oauth2(TestTokens.department(dept)).contentType(ContentType.JSON)
                .body(Map.of("values",
                        List.of(Map.of("subject", dept, "indicator", ind, "period", "2026-05", "value", 80),
                                Map.of("subject", dept, "indicator", ind, "period", "2026-Q3", "value", 80))))
                .post("/api/v1/values/bulk").then().statusCode(400).body(containsString("2026-Q3"));
        assertEquals(0, TestDb.count(em, "select count(*) from indicator_value where subject_code = ?1 and period in"
                + " ('2026-07', '2026-05', '2026-Q3')", dept));

        // nor a scorecard configuration for its third quarter, while its second takes one
        Map<String, Object> config = Map.of("dimensionWeights", ScorecardConfigTest.weights(0, 0, 100, 0, 0));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(config)
                .put("/api/v1/subjects/{c}/scorecards/2026-Q3", dept).then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("period"))
                .body("detail", containsString("has no scorecard for 2026-Q3"));
        assertEquals(0, TestDb.count(em, "select count(*) from scorecard_config where subject_code = ?1", dept));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(config)
                .put("/api/v1/subjects/{c}/scorecards/2026-Q2", dept).then().statusCode(200);
    }

    @Inject
    SubjectService subjects;

    /**
     * A value sent while a revision closes its subject, and that checked the subject before the revision committed,
     * still meets the new dates: the revision closes the scoring gate, and the value reads the dates after passing it.
     * A rename does not close the gate, so it does not wait for values in flight.
     */
    @Test
    void aValueRacingTheRevisionThatClosesItsSubjectMeetsTheNewDates() throws Exception {
        String dept = IndicatorApiTest.unique("REVR");
        String ind = IndicatorApiTest.unique("RRI");
        register(dept, null, "DEPARTMENT");
        IndicatorApiTest.indicator(ind, "FINANCIAL", 100, dept);

        try (HeldTransaction inFlight = HeldTransaction.of(() -> WriteGate.shared(em,
                IndicatorVersionRepository.CATALOGUE_GATE))) {
            Map<String, Object> renamed = revision(null, null);
            renamed.put("level", "DEPARTMENT");
            renamed.remove("activeFrom"); // the same dates as registered
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(renamed)
                    .put("/api/v1/subjects/" + dept).then().statusCode(200);
            inFlight.commit();
        }

        int status;
        try (HeldTransaction closing = HeldTransaction.of(() -> subjects.revise(dept, null,
                new SubjectService.Revision("关闭的部门", null, null, SubjectLevel.DEPARTMENT, null,
                        LocalDate.of(2026, 6, 30))))) {
            status = closing.commitWhileWaitedOn(em, "the value waiting for the revision",
                    () -> given().auth().oauth2(TestTokens.department(dept)).contentType(ContentType.JSON)
                            .body(Map.of("subject", dept, "indicator", ind, "period", "2026-07", "value", 90))
                            .post("/api/v1/values").then().extract().statusCode());
        }
        assertEquals(422, status, "the July value of a department closed on 30 June");
        assertEquals(0, TestDb.count(em, "select count(*) from indicator_value where subject_code = ?1", dept));
    }
}
