package io.jixiao.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.jixiao.kit.sheets.Sheets;
import io.jixiao.testsupport.Eventually;
import io.jixiao.testsupport.HeldTransaction;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Many values at once: the bulk endpoint (all or nothing, or partial) and CSV/Excel imports in the background with
 * progress and a per-row error report; corrections keep history; each stored value is an event; a department imports
 * only its own values.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class ValueImportTest {

    @Inject
    EntityManager em;

    long values(String dept) {
        return TestDb.count(em, "select count(*) from indicator_value where subject_code = ?1", dept);
    }

    long events(String dept) {
        return TestDb.count(em, "select count(*) from outbox_event where record_key = ?1 and event_type = "
                + "'jixiao.indicator.value.recorded.v1'", dept);
    }

    /** The job once it has finished (done, rejected or failed), polled as a client would. */
    static Response finished(String token, String job) {
        Response[] last = new Response[1];
        Eventually.until("import " + job + " finished", Duration.ofSeconds(20), () -> {
            last[0] = given().auth().oauth2(token).get("/api/v1/values/imports/{id}", job);
            return !List.of("QUEUED", "CHECKING", "WRITING").contains(last[0].<String>path("status"));
        });
        return last[0];
    }

    static Map<String, Object> row(String dept, String ind, String period, Object value) {
        return Map.of("subject", dept, "indicator", ind, "period", period, "value", value);
    }

    /** A new department with one PROCESS indicator of its own, {@code <dept>-A}: its code. */
    static String department(String prefix) {
        String dept = IndicatorApiTest.unique(prefix);
        IndicatorApiTest.subject(dept);
        IndicatorApiTest.indicator(dept + "-A", "PROCESS", 100, dept);
        return dept;
    }

    @Test
    void theBulkEndpointStoresAllOrNothingAndReportsEveryRefusedRow() {
        String dept = IndicatorApiTest.unique("B");
        String a = IndicatorApiTest.unique("A");
        String b = IndicatorApiTest.unique("C");
        IndicatorApiTest.subject(dept);
        IndicatorApiTest.indicator(a, "FINANCIAL", 80, dept);
        IndicatorApiTest.indicator(b, "PUBLIC", 100, dept);
        String token = TestTokens.department(dept);
        List<Map<String, Object>> rows = List.of(row(dept, a, "2026", 72), row(dept, b, "2026", 95),
                row(dept, "NO-SUCH", "2026", 1), row(dept, a, "2026", 70));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("values", rows))
                .post("/api/v1/values/bulk").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("values[2].indicator"))
                .body("violations.field", hasItem("values[3].indicator"));
        assertEquals(0, values(dept), "nothing written");

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("values", rows))
                .queryParam("partial", true).post("/api/v1/values/bulk").then().statusCode(200)
                .body("stored", equalTo(2)).body("rejected", equalTo(2)).body("scorecardsRecomputed", equalTo(1));
        assertEquals(2, values(dept));
        assertEquals(2, events(dept));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/{c}/scorecards/2026", dept).then()
                .statusCode(200).body("completeness.reported", equalTo(2));

        // a correction needs its reason, and keeps the history
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("values", List.of(row(dept, a, "2026", 76)))).post("/api/v1/values/bulk").then()
                .statusCode(400).body("violations[0].field", equalTo("values[0].correctionReason"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("values", List.of(Map.of("subject", dept, "indicator", a, "period", "2026", "value", 76,
                        "correctionReason", "财政局复核后更正"))))
                .post("/api/v1/values/bulk").then().statusCode(200).body("corrected", equalTo(1));
        assertEquals(3, values(dept));
        assertEquals(1, TestDb.count(em, "select count(*) from indicator_value where subject_code = ?1 and "
                + "indicator_code = ?2 and is_current", dept, a));

        // another department's row refuses the whole call
        given().auth().oauth2(TestTokens.department("ELSEWHERE")).contentType(ContentType.JSON)
                .body(Map.of("values", List.of(row(dept, b, "2025", 50)))).post("/api/v1/values/bulk").then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.assessor("a", "ORG")).contentType(ContentType.JSON)
                .body(Map.of("values", List.of(row(dept, b, "2025", 50)))).post("/api/v1/values/bulk").then()
                .statusCode(403);
        assertEquals(3, values(dept));
    }

    @Test
    void aFileIsImportedInTheBackgroundWithProgressAndAnErrorPerRow() {
        String dept = department("F");
        String a = dept + "-A";
        String csv = "subject,indicator,period,value\n" + dept + "," + a + ",2026-01,88\n" + dept + "," + a
                + ",2026-02,abc\n" + dept + "," + a + ",2026-13,70\n"
                // twelve characters that took the import a core's work for minutes when the value was rounded
                + dept + "," + a + ",2026-03,5E-999999999\n";
        String token = TestTokens.department(dept);
        Response accepted = given().auth().oauth2(token).contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/values/import");
        accepted.then().statusCode(202).header("Location", containsString("/api/v1/values/imports/"))
                .body("rows", equalTo(4));
        String job = accepted.path("id");
        Response done = finished(token, job);
        done.then().body("status", equalTo("REJECTED")).body("checked", equalTo(4)).body("stored", equalTo(0))
                .body("errors.line", equalTo(List.of(3, 4, 5))).body("errors[0].field", equalTo("value"))
                .body("errors[1].field", equalTo("period")).body("errors[2].field", equalTo("value"));
        assertEquals(0, values(dept));
        // only its submitter (or an admin) follows a job
        given().auth().oauth2(TestTokens.department("OTHER")).get("/api/v1/values/imports/{id}", job).then()
                .statusCode(404);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/values/imports/{id}", job).then().statusCode(200);

        byte[] xlsx = Sheets.writeXlsx("values", List.of("subject", "indicator", "period", "value"),
                List.of(List.of(dept, a, "2026-01", 88), List.of(dept, a, "2026-02", 91.5)));
        String job2 = given().auth().oauth2(token).contentType(Sheets.XLSX).body(xlsx).post("/api/v1/values/import")
                .then().statusCode(202).extract().path("id");
        finished(token, job2).then().body("status", equalTo("DONE")).body("stored", equalTo(2))
                .body("written", equalTo(2));
        assertEquals(2, values(dept));
        assertEquals(2, events(dept));
        given().auth().oauth2(token).contentType("text/csv").body(new byte[0]).post("/api/v1/values/import").then()
                .statusCode(400);
    }

    /**
     * A file saved as "CSV (逗号分隔)" by Excel or WPS on a Chinese Windows is GBK. Its Chinese text was read as UTF-8
     * and stored as replacement characters. It is read as GB18030 now, or in the charset the request names, before the
     * job keeps it (as UTF-8) and runs it; a charset the service does not know starts no job.
     */
    @Test
    void aFileSavedAsGbkKeepsItsChineseText() {
        String dept = department("G");
        String a = dept + "-A";
        String token = TestTokens.department(dept);
        String first = "subject,indicator,period,value,source\n" + dept + "," + a + ",2026-01,81,区统计局年报\n";
        String again = "subject,indicator,period,value,correctionReason\n" + dept + "," + a
                + ",2026-01,83,统计局复核后更正（第二版）\n";
        long jobs = TestDb.count(em, "select count(*) from value_import_job");
        given().auth().oauth2(token).contentType("text/csv; charset=x-no-such-charset")
                .body(first.getBytes(java.nio.charset.Charset.forName("GBK"))).post("/api/v1/values/import").then()
                .statusCode(415).contentType("application/problem+json").body("detail", containsString("charset"));
        assertEquals(jobs, TestDb.count(em, "select count(*) from value_import_job"), "no job");
        for (String[] file : new String[][]{{first, "text/csv"}, {again, "text/csv; charset=GB18030"}}) {
            String job = given().auth().oauth2(token).contentType(file[1])
                    .body(file[0].getBytes(java.nio.charset.Charset.forName("GBK"))).post("/api/v1/values/import")
                    .then().statusCode(202).extract().path("id");
            finished(token, job).then().body("status", equalTo("DONE")).body("stored", equalTo(1));
        }
        assertEquals(1, TestDb.count(em, "select count(*) from indicator_value where subject_code = ?1 and source = "
                + "?2 and not is_current", dept, "区统计局年报"));
        assertEquals(1, TestDb.count(em, "select count(*) from indicator_value where subject_code = ?1 and "
                + "correction_reason = ?2 and is_current", dept, "统计局复核后更正（第二版）"));
    }

    /**
     * A month typed into Excel as 2026-07 becomes a date: a workbook holds the first of July and a CSV file saved in
     * China shows 2026/7/1 or 2026年7月. Those rows were refused as "not a period"; they are that month now. A value's
     * commas were all dropped, so 85,5 (a decimal comma) was stored as 855; now commas are read only between
     * thousands, and 85,5 is the row's error.
     */
    @Test
    void aMonthAndANumberAsExcelWritesThemAreReadAndADecimalCommaIsRefused() {
        String dept = department("X");
        String a = dept + "-A";
        String token = TestTokens.department(dept);
        String csv = "subject,indicator,period,value\n" + dept + "," + a + ",2026/7/1,88\n" + dept + "," + a
                + ",2026年8月,\"1,088.5\"\n";
        String job = given().auth().oauth2(token).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/values/import").then().statusCode(202).extract().path("id");
        finished(token, job).then().body("status", equalTo("DONE")).body("stored", equalTo(2));
        assertEquals(1, TestDb.count(em, "select count(*) from indicator_value where subject_code = ?1 and period = "
                + "'2026-07' and actual = 88", dept));
        assertEquals(1, TestDb.count(em, "select count(*) from indicator_value where subject_code = ?1 and period = "
                + "'2026-08' and actual = 1088.5", dept));

        byte[] xlsx = Sheets.writeXlsx("values", List.of("subject", "indicator", "period", "value"),
                List.of(List.of(dept, a, java.time.LocalDate.of(2026, 9, 1), 90),
                        List.of(dept, a, java.time.LocalDate.of(2026, 10, 15), 91)));
        String job2 = given().auth().oauth2(token).contentType(Sheets.XLSX).body(xlsx).post("/api/v1/values/import")
                .then().statusCode(202).extract().path("id");
        // the first of a month is that month; the 15th is no period, and says so
        finished(token, job2).then().body("status", equalTo("REJECTED")).body("errors.line", equalTo(List.of(3)))
                .body("errors[0].field", equalTo("period"));

        String comma = "subject,indicator,period,value\n" + dept + "," + a + ",2026-11,\"85,5\"\n";
        String job3 = given().auth().oauth2(token).contentType("text/csv").body(comma.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/values/import").then().statusCode(202).extract().path("id");
        finished(token, job3).then().body("status", equalTo("REJECTED")).body("errors[0].field", equalTo("value"))
                .body("errors[0].message", containsString("85,5"));
        assertEquals(0, TestDb.count(em, "select count(*) from indicator_value where subject_code = ?1 and period = "
                + "'2026-11'", dept));
    }

    /**
     * Typing 85% into Excel stores 0.85 in a percentage format, and a CSV file saved from the sheet says 85%. Both
     * were 0.85, or refused, whatever the indicator; now they are 85 for an indicator measured in %, and the row's
     * error for one measured in anything else, where a percentage means nothing.
     */
    @Test
    void aPercentageIsItsNumberForAnIndicatorInPercentAndRefusedForAnyOther() throws Exception {
        String dept = IndicatorApiTest.unique("P");
        IndicatorApiTest.subject(dept);
        String rate = dept + "-RATE";
        String count = dept + "-CNT";
        for (var ind : List.of(List.of(rate, "%"), List.of(count, "个"))) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("code", ind.get(0), "nameZh", "指标" + ind.get(0), "dimension", "PROCESS", "kind",
                            "QUANTITATIVE", "unit", ind.get(1), "polarity", "HIGHER_BETTER", "target", 95, "weight",
                            10, "subjects", List.of(dept)))
                    .post("/api/v1/indicators").then().statusCode(201);
        }
        String token = TestTokens.department(dept);
        String csv = "subject,indicator,period,value\n" + dept + "," + rate + ",2026-05,85%\n" + dept + "," + rate
                + ",2026-06,92.5％\n";
        String job = given().auth().oauth2(token).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/values/import").then().statusCode(202).extract().path("id");
        finished(token, job).then().body("status", equalTo("DONE")).body("stored", equalTo(2));
        assertEquals(List.of("2026-05 85", "2026-06 92.5"), actuals(dept, rate));

        byte[] xlsx;
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            var percent = wb.createCellStyle();
            percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
            var sheet = wb.createSheet("values");
            Object[][] rows = {{"subject", "indicator", "period", "value"}, {dept, rate, "2026-07", 0.885},
                    {dept, count, "2026-07", 0.85}};
            for (int i = 0; i < rows.length; i++) {
                var r = sheet.createRow(i);
                for (int c = 0; c < 4; c++) {
                    if (rows[i][c] instanceof Double d) {
                        r.createCell(c).setCellValue(d);
                        r.getCell(c).setCellStyle(percent);
                    } else {
                        r.createCell(c).setCellValue((String) rows[i][c]);
                    }
                }
            }
            wb.write(out);
            xlsx = out.toByteArray();
        }
        String job2 = given().auth().oauth2(token).contentType(Sheets.XLSX).body(xlsx).post("/api/v1/values/import")
                .then().statusCode(202).extract().path("id");
        finished(token, job2).then().body("status", equalTo("REJECTED")).body("errors.line", equalTo(List.of(3)))
                .body("errors[0].field", equalTo("value")).body("errors[0].message", equalTo("'85%' is a "
                        + "percentage, but indicator " + count + " is measured in 个: write the number alone"));
        String job3 = given().auth().oauth2(token).contentType(Sheets.XLSX).body(xlsx)
                .queryParam("partial", true).post("/api/v1/values/import").then().statusCode(202).extract()
                .path("id");
        finished(token, job3).then().body("status", equalTo("DONE")).body("stored", equalTo(1))
                .body("rejected", equalTo(1));
        assertEquals(List.of("2026-05 85", "2026-06 92.5", "2026-07 88.5"), actuals(dept, rate));
        assertEquals(List.of(), actuals(dept, count));
    }

    List<String> actuals(String dept, String indicator) {
        return em
                .createNativeQuery(
                        "select period || ' ' || trim_scale(actual)::text from indicator_value where subject_code = ?1"
                                + " and indicator_code = ?2 and is_current order by period",
                        String.class)
                .setParameter(1, dept)
                .setParameter(2, indicator).getResultList();
    }

    @Inject
    io.jixiao.indicator.service.ValueImports imports;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void anImportWhoseRunStoppedIsRunAgainFromItsStoredFileAndWrittenOnce() throws Exception {
        String dept = department("R");
        String a = dept + "-A";
        String token = TestTokens.department(dept);
        String csv = "subject,indicator,period,value\n" + dept + "," + a + ",2026-01,81\n" + dept + "," + a
                + ",2026-02,82\n" + dept + "," + a + ",2026-03,83\n";
        double restartedBefore = meters.counter("jixiao.imports.restarted").count();
        double doneBefore = meters.counter("jixiao.imports.finished", "status", "DONE").count();
        String job;
        // a new indicator version holds the catalogue: the run claims the job, then waits inside its transaction
        try (HeldTransaction version = HeldTransaction.of(() -> io.jixiao.kit.tx.WriteGate.exclusive(em,
                io.jixiao.indicator.repository.IndicatorVersionRepository.CATALOGUE_GATE))) {
            job = given().auth().oauth2(token).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/values/import").then().statusCode(202).extract().path("id");
            TestDb.awaitSessionsWaitingForLocks(em, 1, "the import's run waiting at the catalogue");
            // the run is stopped there, as when its service stops or its connection is lost: its transaction is gone
            assertEquals(1, TestDb.count(em, "select count(pg_cancel_backend(pid)) from pg_stat_activity where "
                    + "datname = current_database() and wait_event_type = 'Lock'"));
            // the job is still there, unfinished, and the worker takes it again: a second run waits at the same place
            Eventually.until("a second run of the import", Duration.ofSeconds(20), () -> TestDb.count(em,
                    "select count(*) from value_import_progress where job_id = cast(?1 as uuid) and attempts = 2",
                    job) == 1);
            TestDb.awaitSessionsWaitingForLocks(em, 1, "the second run waiting at the catalogue");
            assertEquals(0, values(dept), "nothing of the stopped run was written");
            // for operators: a run stopped, and a job is unfinished
            assertEquals(restartedBefore + 1, meters.counter("jixiao.imports.restarted").count());
            org.junit.jupiter.api.Assertions.assertTrue(meters.get("jixiao.imports.unfinished").gauge().value() >= 1);
            // a job that is being run is not run by another worker (another replica) at the same time
            org.junit.jupiter.api.Assertions.assertFalse(imports.runNext(), "the running job was claimed twice");
            given().auth().oauth2(token).get("/api/v1/values/imports/{id}", job).then().statusCode(200)
                    .body("status", equalTo("CHECKING")).body("attempts", equalTo(2));
            version.commit();
        }
        finished(token, job).then().body("status", equalTo("DONE")).body("stored", equalTo(3))
                .body("attempts", equalTo(2)).body("checked", equalTo(3)).body("written", equalTo(3));
        assertEquals(3, values(dept), "each value once");
        assertEquals(doneBefore + 1, meters.counter("jixiao.imports.finished", "status", "DONE").count());
        assertEquals(3, events(dept), "each event once");
        assertEquals(1, TestDb.count(em, "select count(*) from value_import_job where id = cast(?1 as uuid) and file "
                + "is null", job), "the file is not kept once the job has finished");
    }

    @Test
    void aJobAcceptedByAReplicaThatStoppedIsRunByAnother() {
        String dept = department("Q");
        String a = dept + "-A";
        String csv = "subject,indicator,period,value\n" + dept + "," + a + ",2026-04,64\n";
        // stored as the replica that accepted it stored it, by a request whose answer was sent; then it stopped
        String job = java.util.UUID.randomUUID().toString();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into "
                + "value_import_job (id, owner, is_admin, is_system, dept, partial, xlsx, file, row_count, status, "
                + "submitted_at) values (cast(?1 as uuid), ?2, false, false, ?3, false, false, ?4, 1, 'QUEUED', now())")
                .setParameter(1, job).setParameter(2, "user-" + dept).setParameter(3, dept)
                .setParameter(4, csv.getBytes(StandardCharsets.UTF_8)).executeUpdate());
        // no request woke this replica's worker: it finds the job when it next looks
        finished(TestTokens.admin(), job).then().body("status", equalTo("DONE")).body("stored", equalTo(1))
                .body("attempts", equalTo(1));
        assertEquals(1, values(dept));
        assertEquals(1, TestDb.count(em, "select count(*) from indicator_value where subject_code = ?1 and "
                + "reported_by = ?2", dept, "user-" + dept), "written as its submitter");
    }

    @Test
    void aFileSentAgainWithItsIdempotencyKeyStartsOneJob() {
        String dept = department("K");
        String a = dept + "-A";
        String token = TestTokens.department(dept);
        byte[] csv = ("subject,indicator,period,value,correctionReason\n" + dept + "," + a + ",2026-01,70,\n")
                .getBytes(StandardCharsets.UTF_8);
        String key = "values-" + dept;
        Response first = given().auth().oauth2(token).header("Idempotency-Key", key).contentType("text/csv")
                .body(csv).post("/api/v1/values/import");
        first.then().statusCode(202);
        String job = first.path("id");
        finished(token, job).then().body("status", equalTo("DONE"))
                .body("submittedAt", equalTo(first.<String>path("submittedAt")));
        // the answer was lost, and the file is sent again: the same job, nothing imported twice
        given().auth().oauth2(token).header("Idempotency-Key", key).contentType("text/csv").body(csv)
                .post("/api/v1/values/import").then().statusCode(202).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location")).body("id", equalTo(job));
        assertEquals(1, TestDb.count(em, "select count(*) from value_import_job where dept = ?1", dept));
        // another file under the same key is refused, and starts nothing
        given().auth().oauth2(token).header("Idempotency-Key", key).contentType("text/csv")
                .body(("subject,indicator,period,value,correctionReason\n" + dept + "," + a + ",2026-01,75,复核更正\n")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/values/import").then().statusCode(422).contentType("application/problem+json");
        assertEquals(1, TestDb.count(em, "select count(*) from value_import_job where dept = ?1", dept));
        assertEquals(1, values(dept));
    }

    @Test
    void eachSenderListsItsOwnImportsNewestFirstAndAnAdminListsEveryone() {
        String dept = department("L");
        String other = department("M");
        String token = TestTokens.department(dept);
        String rejected = given().auth().oauth2(token).contentType("text/csv").body(("subject,indicator,period,value\n"
                + dept + "," + dept + "-A,2026,abc\n").getBytes(StandardCharsets.UTF_8)).post("/api/v1/values/import")
                .then().statusCode(202).extract().path("id");
        finished(token, rejected);
        String done = given().auth().oauth2(token).contentType("text/csv").body(("subject,indicator,period,value\n"
                + dept + "," + dept + "-A,2026,77\n").getBytes(StandardCharsets.UTF_8)).post("/api/v1/values/import")
                .then().statusCode(202).extract().path("id");
        finished(token, done);
        String theirs = given().auth().oauth2(TestTokens.department(other)).contentType("text/csv")
                .body(("subject,indicator,period,value\n" + other + "," + other + "-A,2026,66\n")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/values/import").then().statusCode(202).extract().path("id");

        given().auth().oauth2(token).get("/api/v1/values/imports").then().statusCode(200)
                .body("totalItems", equalTo(2)).body("items.id", equalTo(List.of(done, rejected)))
                .body("items.status", equalTo(List.of("DONE", "REJECTED"))).body("items[0].stored", equalTo(1))
                .body("items[1].rejected", equalTo(1)).body("items[0].submittedBy", equalTo("dept-" + dept));
        given().auth().oauth2(token).queryParam("status", "REJECTED").get("/api/v1/values/imports").then()
                .statusCode(200).body("items.id", equalTo(List.of(rejected))).body("totalItems", equalTo(1));
        // another sender's imports are not listed, even when asked for by name
        given().auth().oauth2(token).queryParam("submittedBy", "dept-" + other).get("/api/v1/values/imports").then()
                .statusCode(200).body("totalItems", equalTo(0)).body("items", org.hamcrest.Matchers.empty());
        given().auth().oauth2(TestTokens.admin()).queryParam("submittedBy", "dept-" + other)
                .get("/api/v1/values/imports").then().statusCode(200).body("items.id", equalTo(List.of(theirs)));
        // pages: the total is the same on every page, and a page past the end is empty
        given().auth().oauth2(token).queryParam("size", 1).queryParam("page", 1).get("/api/v1/values/imports").then()
                .statusCode(200).body("items.id", equalTo(List.of(rejected))).body("totalItems", equalTo(2))
                .body("totalPages", equalTo(2));
        given().auth().oauth2(token).queryParam("size", 1).queryParam("page", 5).get("/api/v1/values/imports").then()
                .statusCode(200).body("items", org.hamcrest.Matchers.empty()).body("totalItems", equalTo(2));
        // a query value not of its type is bad input naming the parameter (JAX-RS alone answers 404)
        given().auth().oauth2(token).queryParam("status", "LOST").get("/api/v1/values/imports").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("status"))
                .body("violations[0].message", containsString("one of QUEUED, CHECKING"));
        given().auth().oauth2(token).queryParam("page", "two").get("/api/v1/values/imports").then().statusCode(400)
                .body("violations[0].field", equalTo("page"));
        given().auth().oauth2(token).queryParam("page", "").get("/api/v1/values/imports").then().statusCode(200)
                .body("page", equalTo(0));
        given().auth().oauth2(token).contentType("text/csv").queryParam("partial", "yes")
                .body("subject,indicator,period,value\n".getBytes(StandardCharsets.UTF_8)).post("/api/v1/values/import")
                .then().statusCode(400).body("violations[0].field", equalTo("partial"))
                .body("violations[0].message", equalTo("must be true or false"));
        given().auth().oauth2(TestTokens.superior("s")).get("/api/v1/values/imports").then().statusCode(403);
    }

    @Test
    void aFileThatIsNotAValueFileIsRefusedAtOnceAndStartsNoJob() {
        String dept = department("N");
        String a = dept + "-A";
        String token = TestTokens.department(dept);
        // a JSON document sent as CSV, a header without the needed columns, a header and no rows, a binary file
        for (String file : List.of("{\"values\": []}",
                "subject;indicator;period;value\n" + dept + ";" + a + ";2026;1\n",
                "subject,indicator,period,value\n", "subject,indicator,period,value\n" + dept + "," + a
                        + ",2026,\u0000\u0001\n")) {
            given().auth().oauth2(token).contentType("text/csv").body(file.getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/values/import").then().statusCode(400).contentType("application/problem+json")
                    .header("Location", org.hamcrest.Matchers.nullValue()).body("violations[0].field", equalTo("file"));
        }
        given().auth().oauth2(token).contentType("text/csv").body("period,value\n2026,1\n")
                .post("/api/v1/values/import").then().statusCode(400)
                .body("violations[0].message", containsString("subject, indicator"));
        assertEquals(0, values(dept));
    }

    @Test
    void aNulCharacterIsBadInputNamingItsPlaceAndWritesNothing() {
        String dept = department("Z");
        String a = dept + "-A";
        String admin = TestTokens.admin();
        // PostgreSQL cannot store U+0000 in text: before, this got past validation and failed the transaction (500)
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"subject\":\"" + dept + "\",\"indicator\":\"" + a + "\",\"period\":\"2026\",\"value\":1,"
                        + "\"source\":\"hotline\\u0000\"}")
                .post("/api/v1/values").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("source"))
                .body("violations[0].message", containsString("NUL"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"values\":[{\"subject\":\"" + dept + "\\u0000\",\"indicator\":\"" + a
                        + "\",\"period\":\"2026\",\"value\":1}]}")
                .post("/api/v1/values/bulk").then().statusCode(400)
                .body("violations[0].field", equalTo("values[0].subject"));
        given().urlEncodingEnabled(false).auth().oauth2(admin).get("/api/v1/subjects/" + dept + "%00").then()
                .statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("path"));
        // refused before any resource is matched, and still with the request's id (it was null: the id was set by a
        // filter that could run after this one)
        given().urlEncodingEnabled(false).auth().oauth2(admin).header("X-Request-Id", "nul-" + dept)
                .get("/api/v1/quality/flags?subject=" + dept + "%00").then().statusCode(400)
                .body("violations[0].field", equalTo("subject")).body("requestId", equalTo("nul-" + dept))
                .header("X-Request-Id", "nul-" + dept);
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("Content-Encoding", "gzip")
                .header("X-Request-Id", "gz-" + dept).body("{}").post("/api/v1/values").then().statusCode(415)
                .body("requestId", equalTo("gz-" + dept));
        assertEquals(0, values(dept));
    }

    @Inject
    jakarta.validation.ValidatorFactory validation;

    @Test
    void bulkRowsAreValidatedOneByOneWithoutAskingHibernateAboutPlainRecords() {
        // the service kit's resolver is the one in force: request records are not checked for lazy loading
        org.junit.jupiter.api.Assertions.assertInstanceOf(io.jixiao.kit.web.EntityAwareTraversal.Resolver.class,
                validation.getTraversableResolver());
        String dept = department("V");
        String a = dept + "-A";
        // every row's constraints are still reached: the third row's and the fifth row's are reported by place
        List<Map<String, Object>> rows = new java.util.ArrayList<>(List.of(row(dept, a, "2026", 1),
                row(dept, a, "2026-01", 2), row(dept, a, "2026-13", 3), row(dept, a, "2026-02", 4)));
        rows.add(Map.of("subject", dept, "indicator", a, "period", "2026-03", "value", 5, "evidenceUrl",
                "ftp://example.org/x"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("values", rows))
                .post("/api/v1/values/bulk").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("values[2].period",
                        "values[4].evidenceUrl"));
        assertEquals(0, values(dept), "nothing written");
    }
}
