package io.jixiao.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.jixiao.indicator.repository.IndicatorVersionRepository;
import io.jixiao.testsupport.Eventually;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Versioned indicator definitions: a change applies from a period on, the periods before keep the version they were
 * scored with, the periods after are rescored, and a version that overlaps another is refused with nothing written.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class IndicatorVersionTest {

    @Inject
    EntityManager em;

    @Inject
    IndicatorVersionRepository versions;

    @Inject
    DataSource dataSource;

    @Test
    void aRolledBackVersionChangeDoesNotLeaveEveryoneReloadingTheCatalogue() {
        String dept = IndicatorApiTest.unique("RB");
        IndicatorApiTest.subject(dept);
        IndicatorApiTest.indicator(IndicatorApiTest.unique("RBI"), "PROCESS", 100, dept);
        List<?> first = QuarkusTransaction.requiringNew().call(() -> versions.inForce("2026"));
        assertFalse(first.isEmpty(), "a catalogue with something in it (an empty list is one shared constant)");
        assertSame(first, QuarkusTransaction.requiringNew().call(() -> versions.inForce("2026")), "shared while"
                + " nothing changes");
        // a transaction changes the versions (the statement trigger moves the revision on, rows or not), reads the
        // catalogue as of its own change, and rolls back
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update indicator_version set version_no = version_no where false").executeUpdate();
            versions.inForce("2026");
            throw new IllegalStateException("rolled back");
        }));
        List<?> reloaded = QuarkusTransaction.requiringNew().call(() -> versions.inForce("2026"));
        assertSame(reloaded, QuarkusTransaction.requiringNew().call(() -> versions.inForce("2026")),
                "loaded once after the rollback, then shared again");
    }

    @Test
    void callersThatMeetANewRevisionTogetherShareOneLoad() throws Exception {
        String dept = IndicatorApiTest.unique("SF");
        IndicatorApiTest.subject(dept);
        IndicatorApiTest.indicator(IndicatorApiTest.unique("SFI"), "PROCESS", 100, dept);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update indicator_version set version_no = version_no where false").executeUpdate());
        // another session holds every read of indicator_version back, so that all four callers meet the new revision
        // before any load can finish; without single flight each of them would load its own catalogue
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("lock table indicator_version in access exclusive mode");
            }
            List<Future<List<?>>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> QuarkusTransaction.requiringNew().call(() -> versions.inForce("2026"))));
            }
            Thread.sleep(1_500);
            blocker.commit();
            List<?> first = calls.get(0).get(30, TimeUnit.SECONDS);
            assertFalse(first.isEmpty(), "a catalogue with something in it (an empty list is one shared constant)");
            for (Future<List<?>> call : calls) {
                assertSame(first, call.get(30, TimeUnit.SECONDS), "one load, shared by every caller that waited");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static Map<String, Object> definition(String dept, double target) {
        Map<String, Object> d = new HashMap<>();
        d.put("nameZh", "办件量");
        d.put("dimension", "PROCESS");
        d.put("kind", "QUANTITATIVE");
        d.put("polarity", "HIGHER_BETTER");
        d.put("target", target);
        d.put("weight", 10);
        d.put("subjects", List.of(dept));
        return d;
    }

    static io.restassured.response.Response version(String token, String code, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/indicators/{c}/versions", code);
    }

    static void report(String dept, String ind, String period, double value) {
        given().auth().oauth2(TestTokens.department(dept)).contentType(ContentType.JSON)
                .body(Map.of("subject", dept, "indicator", ind, "period", period, "value", value))
                .post("/api/v1/values").then().statusCode(201);
    }

    static BigDecimal total(String dept, String period) {
        Object total = given().auth().oauth2(TestTokens.admin())
                .get("/api/v1/subjects/{c}/scorecards/{p}", dept, period).then().statusCode(200).extract()
                .path("total");
        return new BigDecimal(total.toString());
    }

    long rows(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    @Test
    void aNewVersionAppliesFromItsPeriodAndEarlierPeriodsKeepTheirScores() {
        String dept = IndicatorApiTest.unique("V");
        String ind = IndicatorApiTest.unique("VI");
        IndicatorApiTest.subject(dept);
        IndicatorApiTest.indicator(ind, "PROCESS", 100, dept);
        report(dept, ind, "2025", 80);
        report(dept, ind, "2026", 80);
        assertEquals(0, new BigDecimal("80").compareTo(total(dept, "2025")));
        assertEquals(0, new BigDecimal("80").compareTo(total(dept, "2026")));

        // the target rises from 2026 on: 80 of 160 is 50 points there, and still 80 of 100 in 2025
        Map<String, Object> v2 = definition(dept, 160);
        v2.put("validFrom", "2026");
        v2.put("reason", "2026年目标上调");
        version(TestTokens.admin(), ind, v2).then().statusCode(201).body("version", equalTo(2))
                .body("validFrom", equalTo("2026")).body("validTo", nullValue()).body("valuesRescored", equalTo(1))
                .body("definition.target", equalTo(160f));
        assertEquals(0, new BigDecimal("50").compareTo(total(dept, "2026")));
        assertEquals(0, new BigDecimal("80").compareTo(total(dept, "2025")));
        // each period's lines carry the names of the version in force in it
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/{c}/scorecards/2026", dept).then()
                .body("lines[0].indicator", equalTo(ind)).body("lines[0].nameZh", equalTo("办件量"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/{c}/scorecards/2025", dept).then()
                .body("lines[0].nameZh", equalTo("指标" + ind));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/indicators/{c}/versions", ind).then().statusCode(200)
                .body("version", equalTo(List.of(1, 2))).body("[0].validTo", equalTo("2025"))
                .body("[1].validFrom", equalTo("2026"));
        given().auth().oauth2(TestTokens.department(dept)).get("/api/v1/indicators/{c}?period=2025", ind).then()
                .statusCode(200).body("target", equalTo(100f)).body("definitionVersion", equalTo(1));
        given().auth().oauth2(TestTokens.department(dept)).get("/api/v1/indicators/{c}?period=2026-Q3", ind).then()
                .statusCode(200).body("target", equalTo(160f)).body("definitionVersion", equalTo(2));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/indicators/{c}", ind).then()
                .body("definitionVersion", equalTo(2)).body("target", equalTo(160f));

        // 2025's value is untouched and keeps version 1; 2026's was rescored into a history row under version 2
        given().auth().oauth2(TestTokens.department(dept)).get("/api/v1/subjects/{c}/values?period=2025", dept).then()
                .body("[0].definitionVersion", equalTo(1)).body("[0].score", equalTo(80f))
                .body("[0].correctionReason", nullValue());
        given().auth().oauth2(TestTokens.department(dept))
                .get("/api/v1/subjects/{c}/values?period=2026&history=true", dept).then()
                .body("size()", equalTo(2)).body("[1].definitionVersion", equalTo(2)).body("[1].score", equalTo(50f))
                .body("[1].correctionReason", containsString("version 2")).body("[0].current", equalTo(false));
        // a value reported now for 2026 is scored under version 2
        report(dept, ind, "2027", 120);
        given().auth().oauth2(TestTokens.department(dept)).get("/api/v1/subjects/{c}/values?period=2027", dept).then()
                .body("[0].definitionVersion", equalTo(2)).body("[0].score", equalTo(75f));
    }

    /**
     * A new version waits for a value being scored under the version before it, then rescores it. The test holds the
     * value inside its transaction (it holds the scorecard's stored result, which the value's recompute updates after
     * the value was scored and inserted). Without the catalogue's lock the version found no value to rescore (it waited
     * only to recompute the scorecard), and the value kept version 1's score in a period version 2 covers.
     */
    @Test
    void aNewVersionWaitsForAValueBeingScoredAndRescoresIt() throws Exception {
        String dept = IndicatorApiTest.unique("W");
        String ind = IndicatorApiTest.unique("WI");
        String other = IndicatorApiTest.unique("WO");
        IndicatorApiTest.subject(dept);
        IndicatorApiTest.indicator(ind, "PROCESS", 100, dept);
        IndicatorApiTest.indicator(other, "PROCESS", 100, dept);
        report(dept, other, "2026", 50);
        Map<String, Object> v2 = definition(dept, 160);
        v2.put("validFrom", "2026");
        v2.put("reason", "2026年目标上调");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection holder = dataSource.getConnection(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("select 1 from scorecard_result where subject_code = '" + dept + "' and period = '2026' for"
                    + " update");
            Future<Integer> value = pool.submit(() -> given().auth().oauth2(TestTokens.department(dept))
                    .contentType(ContentType.JSON).body(Map.of("subject", dept, "indicator", ind, "period", "2026",
                            "value", 80))
                    .post("/api/v1/values").then().extract().statusCode());
            Eventually.until("the value waits inside its transaction", Duration.ofSeconds(10),
                    () -> rows("select count(*) from pg_locks where locktype = 'transactionid' and not granted") == 1);
            Future<Integer> version = pool.submit(() -> version(TestTokens.admin(), ind, v2).then().extract()
                    .statusCode());
            TestDb.awaitSessionsWaitingForLocks(em, 2, "the version waits too");
            holder.commit();
            assertEquals(201, value.get(30, TimeUnit.SECONDS));
            assertEquals(201, version.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        // rescored under version 2: 80 of 160 is 50 points
        given().auth().oauth2(TestTokens.department(dept)).get("/api/v1/subjects/{c}/values?period=2026", dept).then()
                .body("find { it.indicator == '" + ind + "' }.definitionVersion", equalTo(2))
                .body("find { it.indicator == '" + ind + "' }.score", equalTo(50f));
    }

    @Test
    void aVersionThatOverlapsAnotherIsRefusedAndNothingIsWritten() {
        String dept = IndicatorApiTest.unique("O");
        String ind = IndicatorApiTest.unique("OI");
        IndicatorApiTest.subject(dept);
        IndicatorApiTest.indicator(ind, "PROCESS", 100, dept);
        report(dept, ind, "2026", 80);
        Map<String, Object> v2 = definition(dept, 200);
        v2.put("validFrom", "2026");
        v2.put("reason", "目标调整");
        version(TestTokens.admin(), ind, v2).then().statusCode(201);
        long versions = rows("select count(*) from indicator_version where indicator_code = ?1", ind);
        long values = rows("select count(*) from indicator_value where indicator_code = ?1", ind);
        String totalBefore = total(dept, "2026").toPlainString();

        // the same start again, an earlier bounded one inside version 1, and a bounded one inside version 2
        for (String[] range : new String[][]{{"2026", null}, {"2025", "2025"}, {"2024-Q3", "2027"}, {"2028",
                "2028"}}) {
            Map<String, Object> v = definition(dept, 50);
            v.put("validFrom", range[0]);
            v.put("validTo", range[1]);
            v.put("reason", "重叠");
            version(TestTokens.admin(), ind, v).then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("overlaps"));
        }
        assertEquals(versions, rows("select count(*) from indicator_version where indicator_code = ?1", ind));
        assertEquals(values, rows("select count(*) from indicator_value where indicator_code = ?1", ind));
        assertEquals(totalBefore, total(dept, "2026").toPlainString());
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/indicators/{c}/versions", ind).then()
                .body("[0].validTo", equalTo("2025")).body("[1].validTo", nullValue());

        // a version that cannot score a value already reported (now qualitative) is refused whole
        Map<String, Object> q = definition(dept, 100);
        q.put("kind", "QUALITATIVE");
        q.put("rubric", Map.of("A", 100, "B", 80));
        q.put("validFrom", "2027");
        q.put("reason", "改为定性");
        report(dept, ind, "2027", 150);
        version(TestTokens.admin(), ind, q).then().statusCode(422).body("violations[0].message",
                containsString("cannot be scored"));
        assertEquals(versions, rows("select count(*) from indicator_version where indicator_code = ?1", ind));
        // and nothing of it lingers in memory: a new value is still scored under version 2 (150 of 200)
        report(dept, ind, "2029", 150);
        given().auth().oauth2(TestTokens.department(dept)).get("/api/v1/subjects/{c}/values?period=2029", dept).then()
                .body("[0].definitionVersion", equalTo(2)).body("[0].score", equalTo(75f));
    }

    @Test
    void aVersionChangedBehindTheServicesBackIsSeenByTheNextValue() {
        // the definitions in force are kept in memory: a change written by anyone else (another instance, a script)
        // must still reach the next request
        String dept = IndicatorApiTest.unique("C");
        String ind = IndicatorApiTest.unique("CI");
        IndicatorApiTest.subject(dept);
        IndicatorApiTest.indicator(ind, "PROCESS", 100, dept);
        report(dept, ind, "2025", 80);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update indicator_version set target = 160 where indicator_code = ?1").setParameter(1, ind)
                .executeUpdate());
        report(dept, ind, "2026", 80);
        given().auth().oauth2(TestTokens.department(dept)).get("/api/v1/subjects/{c}/values?period=2026", dept).then()
                .body("[0].score", equalTo(50f));
        assertEquals(0, new BigDecimal("50").compareTo(total(dept, "2026")));
    }

    @Test
    void aBoundedVersionLeavesItsIndicatorOutOfForceAfterwards() {
        String dept = IndicatorApiTest.unique("B");
        String ind = IndicatorApiTest.unique("BI");
        IndicatorApiTest.subject(dept);
        Map<String, Object> first = definition(dept, 100);
        first.put("code", ind);
        first.put("validFrom", "2026");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(first)
                .post("/api/v1/indicators").then().statusCode(201);
        // not in force before 2026: a value for 2025 is refused, and nothing is written
        given().auth().oauth2(TestTokens.department(dept)).contentType(ContentType.JSON)
                .body(Map.of("subject", dept, "indicator", ind, "period", "2025", "value", 10))
                .post("/api/v1/values").then().statusCode(422).body("detail", containsString("no version in force"));
        assertEquals(0, rows("select count(*) from indicator_value where indicator_code = ?1", ind));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/indicators/{c}?period=2025", ind).then()
                .statusCode(404);
    }

    @Test
    void onlyAdminsVersionIndicatorsAndBadRequestsAreProblems() {
        String dept = IndicatorApiTest.unique("W");
        String ind = IndicatorApiTest.unique("WI");
        IndicatorApiTest.subject(dept);
        IndicatorApiTest.indicator(ind, "PROCESS", 100, dept);
        Map<String, Object> v = definition(dept, 120);
        v.put("validFrom", "2027");
        v.put("reason", "调整");
        version(TestTokens.department(dept), ind, v).then().statusCode(403);
        version(TestTokens.assessor("a", "ORG"), ind, v).then().statusCode(403);
        version(TestTokens.system("hall"), ind, v).then().statusCode(403);
        given().contentType(ContentType.JSON).body(v).post("/api/v1/indicators/{c}/versions", ind).then()
                .statusCode(401);
        version(TestTokens.admin(), "NO-SUCH", v).then().statusCode(404);

        Map<String, Object> noFrom = new HashMap<>(v);
        noFrom.remove("validFrom");
        version(TestTokens.admin(), ind, noFrom).then().statusCode(400).body("violations[0].field",
                equalTo("validFrom"));
        Map<String, Object> noReason = new HashMap<>(v);
        noReason.remove("reason");
        version(TestTokens.admin(), ind, noReason).then().statusCode(400).body("violations[0].field",
                equalTo("reason"));
        Map<String, Object> otherCode = new HashMap<>(v);
        otherCode.put("code", "OTHER");
        version(TestTokens.admin(), ind, otherCode).then().statusCode(400);
        Map<String, Object> badPeriod = new HashMap<>(v);
        badPeriod.put("validFrom", "2027-13");
        version(TestTokens.admin(), ind, badPeriod).then().statusCode(400);
        Map<String, Object> backwards = new HashMap<>(v);
        backwards.put("validTo", "2026");
        version(TestTokens.admin(), ind, backwards).then().statusCode(400);
        Map<String, Object> noTarget = new HashMap<>(v);
        noTarget.remove("target");
        version(TestTokens.admin(), ind, noTarget).then().statusCode(400);
        assertEquals(1, rows("select count(*) from indicator_version where indicator_code = ?1", ind));
    }
}
