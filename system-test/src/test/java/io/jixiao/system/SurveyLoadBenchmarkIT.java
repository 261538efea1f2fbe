package io.jixiao.system;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.LocalPostgres;
import io.jixiao.testsupport.TestTokens;
import io.restassured.http.ContentType;

/**
 * Issue 5's number: anonymous responses through the gateway at 8 connections against pgbench's single-row insert in
 * the same run, and that nothing accepted is lost (201s counted against rows stored). Each request is its own device
 * (its own User-Agent), as a crowd of phones would be, so throttling does not refuse them.
 * Run: ./mvnw -Pbench -pl system-test verify -Dit.test=SurveyLoadBenchmarkIT (after ./mvnw install -DskipTests)
 */
@Tag("benchmark")
class SurveyLoadBenchmarkIT {

    static final int CONCURRENCY = 8;
    static final int SECONDS = 15;

    @BeforeAll
    static void suite() {
        Suite.atGateway();
    }

    static String openSurvey(String subject) {
        String admin = TestTokens.admin();
        String id = ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(admin)
                .contentType(ContentType.JSON).body(Map.of("subject", subject, "period", "2026", "titleZh", "压测问卷",
                        "groupWeights", Map.of("CITIZEN", 100), "questions", List.of(
                                Map.of("code", "q1", "group", "CITIZEN", "type", "LIKERT5", "textZh", "q1",
                                        "required", true),
                                Map.of("code", "q2", "group", "CITIZEN", "type", "GOOD_BAD5", "textZh", "q2"))))
                .post("/api/v1/surveys")).path("id");
        given().auth().oauth2(admin).post("/api/v1/surveys/{id}/open", id).then().statusCode(200);
        return id;
    }

    static long[] load(String survey, int seconds) throws Exception {
        return Suite.closedLoop(CONCURRENCY, seconds, (worker, i) -> {
            // with the response id the public page chooses when it loads
            String body = "{\"group\":\"CITIZEN\",\"durationMs\":42000,\"responseId\":\"" + UUID.randomUUID()
                    + "\",\"answers\":[{\"question\":\"q1\","
                    + "\"value\":" + (1 + (i + 1) % 5) + "},{\"question\":\"q2\",\"choice\":\"SATISFIED\"}]}";
            return Suite.lean().post("/api/v1/public/surveys/" + survey + "/responses", body, false, "User-Agent",
                    "phone-" + worker + "-" + (i + 1)).status() == 201;
        });
    }

    /**
     * The statements {@code ResponseService.submit} sends for an anonymous response, as a pgbench script: each
     * transaction a new device, the same survey, the service's default throttle windows (1 h, 60 s), and a response id
     * of its own, as the public page sends, locked like the device. Devices are drawn from 4·10^18 numbers: drawn from
     * 2·10^9, a run of 45,000 transactions had the same one twice in about two runs of five, and the second insert of
     * the same id stopped pgbench.
     */
    static String responseSql(String survey, String subject) {
        String device = "(md5(:d::text) || md5(:d::text))::bpchar";
        return String.join("\n", "\\set d random(1, 4000000000000000000)", "begin;",
                "select s.version from survey s, (select pg_advisory_xact_lock(hashtextextended(" + device
                        + "::text, 7)), pg_advisory_xact_lock(hashtextextended('response/' || md5(:d::text || 'r')"
                        + "::uuid::text, 0)), pg_advisory_xact_lock_shared(hashtextextended('survey/" + survey + "',"
                        + " 0))) l"
                        + " where s.id = '" + survey + "' \\gset",
                "select count(*) filter (where survey_id = '" + survey + "' and submitted_at >= now() - interval"
                        + " '1 hour'), min(submitted_at) filter (where survey_id = '" + survey + "' and submitted_at"
                        + " >= now() - interval '1 hour'), count(*) filter (where submitted_at >= now() - interval"
                        + " '60 seconds'), (select same.survey_id from survey_response same where same.id ="
                        + " md5(:d::text || 'r')::uuid) from survey_response where fingerprint = " + device
                        + " and submitted_at >= now() - interval '1 hour';",
                "with r as (insert into survey_response (id, survey_id, subject_code, period, respondent, channel,"
                        + " fingerprint, token_batch, duration_ms, score, status, flags, answers, submitted_at) select"
                        + " md5(:d::text || 'r')::uuid, '" + survey + "', '" + subject + "', '2026', 'CITIZEN', 'WEB', "
                        + device + ", null, 42000, 75.0000000000, 'COUNTED', '[]', '[{\"question\": \"q1\","
                        + " \"value\": 4, \"choice\": null, \"choices\": null, \"text\": null}, {\"question\":"
                        + " \"q2\", \"value\": null, \"choice\": \"SATISFIED\", \"choices\": null, \"text\":"
                        + " null}]', now() where exists (select 1 from survey where id = '" + survey + "' and"
                        + " version = :version) returning subject_code,"
                        + " period), m as (insert into satisfaction_dirty (subject_code, period) select subject_code,"
                        + " period from r where true) select count(*) from r;",
                "commit;", "");
    }

    @Test
    void anonymousResponsesAgainstPgbenchWithNothingLost() throws Exception {
        String subject = "SRV" + System.nanoTime() % 100000;
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", subject, "nameZh", "压测单位", "level", "DEPARTMENT")).post("/api/v1/subjects");
        System.out.println();
        Suite.warmUntilJitSettles("survey responses", 18, () -> load(openSurvey(subject), 10));

        double pgbench = RatingLoadBenchmarkIT.pgbench(CONCURRENCY, SECONDS);
        double ownSql = RatingLoadBenchmarkIT.pgbench("sys_survey", responseSql(openSurvey(subject), subject), true,
                CONCURRENCY, SECONDS);
        String survey = openSurvey(subject);
        long[] before = Suite.started().cpuTicks();
        Map<String, Long> cpuBefore = Suite.started().cpuByProcess();
        Statements.reset();
        long[] r = load(survey, SECONDS);
        Statements.print("response", r[0]);
        double jit = Suite.jitShare(before, Suite.started().cpuTicks());
        Suite.printCpuPerCall("response", cpuBefore, Suite.started().cpuByProcess(), r);
        double rate = r[0] / (double) SECONDS;
        int stored = given().auth().oauth2(TestTokens.admin()).get("/api/v1/surveys/{id}/responses/integrity", survey)
                .then().statusCode(200).extract().path("responses");
        System.out.printf("[bench] pgbench single-row insert, %d clients, %d s: %.0f tps%n", CONCURRENCY, SECONDS,
                pgbench);
        System.out.printf("[bench] anonymous responses through the gateway, %d clients, %d s: %.0f/s accepted (%d"
                + " refused) = %.1f%% of pgbench; accepted %d, stored %d, lost %d; JIT compilers %.0f%% of the"
                + " services' CPU meanwhile; load client %.0f µs CPU per call%n%n", CONCURRENCY, SECONDS, rate, r[1],
                100 * rate / pgbench, r[0], stored, r[0] - stored, 100 * jit, Suite.clientMicrosPerCall(r));
        System.out.printf("[bench] the same transaction as a response (device lock with the survey's version, the"
                + " device's recent responses, the insert with its recompute mark) run by pgbench itself in the survey"
                + " database, %d clients, %d s: %.0f tps = %.1f%% of pgbench's insert; the ceiling for responses if"
                + " the gateway, the service and the broker cost nothing%n%n", CONCURRENCY, SECONDS, ownSql,
                100 * ownSql / pgbench);
        Assertions.assertEquals(r[0], stored, "every accepted response is stored");
        Assertions.assertEquals(0, r[1]);
        indexCountsEveryResponse(subject);
    }

    /**
     * The subject's satisfaction index, once its recompute has caught up, counts every counted response of its
     * period: the warm-up's, pgbench's own and the measured run's.
     */
    static void indexCountsEveryResponse(String subject) throws SQLException {
        LocalPostgres pg = Suite.postgres();
        long start = System.nanoTime();
        long responses = -1;
        long indexed = -2;
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("sys_survey"), pg.username(), pg.password());
                PreparedStatement ps = c.prepareStatement("select (select count(*) from survey_response where"
                        + " subject_code = ? and period = '2026' and status = 'COUNTED' and score is not null),"
                        + " (select sample_size from satisfaction where subject_code = ? and period = '2026')")) {
            ps.setString(1, subject);
            ps.setString(2, subject);
            while (responses != indexed && System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
                Suite.sleep(250);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    responses = rs.getLong(1);
                    indexed = rs.getLong(2);
                }
            }
        }
        System.out.printf("[bench] the index of %s counts %d of its %d counted responses, %.1f s after the run%n",
                subject, indexed, responses, (System.nanoTime() - start) / 1e9);
        Assertions.assertEquals(responses, indexed, "the index counts every counted response");
    }
}
