package io.jixiao.survey.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.jixiao.survey.service.DeviceUnlinking;
import io.jixiao.testsupport.Eventually;
import io.jixiao.testsupport.HeldTransaction;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Invitation tokens, throttling and automation flags, the review of held responses, and the exports. */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class SurveyAccessTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Inject
    DeviceUnlinking unlinking;

    long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    String survey(String subject, String access) {
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of(
                "subject", subject, "period", "2026", "titleZh", "窗口服务评价", "access", access,
                "groupWeights", Map.of("CITIZEN", 100),
                "questions", List.of(Map.of("code", "q1", "group", "CITIZEN", "type", "LIKERT5", "textZh",
                        "服务态度", "required", true),
                        Map.of("code", "q2", "group", "CITIZEN", "type", "TEXT",
                                "textZh", "意见"))))
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/surveys/{id}/open", id).then().statusCode(200);
        return id;
    }

    static Map<String, Object> body(int value, String token) {
        Map<String, Object> b = new java.util.HashMap<>(Map.of("group", "CITIZEN", "durationMs", 30_000, "answers",
                List.of(Map.of("question", "q1", "value", value),
                        Map.of("question", "q2", "text", "=HYPERLINK(\"x\")"))));
        if (token != null) {
            b.put("token", token);
        }
        return b;
    }

    @Test
    void anInvitationAnswersOnceAndOnlyItsOwnSurvey() {
        String s = TestDb.registeredSubject(em, bootstrap, "T");
        String invited = survey(s, "TOKEN");
        String other = survey(s, "TOKEN");
        String open = survey(s, "PUBLIC");

        // only admins make invitations, and only for invitation surveys
        given().auth().oauth2(TestTokens.department(s)).contentType(ContentType.JSON).body(Map.of("count", 2))
                .post("/api/v1/surveys/{id}/tokens", invited).then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("count", 2))
                .post("/api/v1/surveys/{id}/tokens", open).then().statusCode(422);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("count", 0))
                .post("/api/v1/surveys/{id}/tokens", invited).then().statusCode(400);
        List<String> tokens = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("count", 3, "channel", "HALL")).post("/api/v1/surveys/{id}/tokens", invited).then()
                .statusCode(201).body("count", equalTo(3))
                .body("invitations[0].link", containsString("/s/" + invited + "?t=")).extract()
                .path("invitations.token");
        String foreign = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("count", 1)).post("/api/v1/surveys/{id}/tokens", other).then().statusCode(201)
                .extract().path("invitations[0].token");
        // only hashes are stored
        assertEquals(0, count("select count(*) from survey_token where token_hash = ?1", tokens.get(0)));
        assertEquals(3, count("select count(*) from survey_token where survey_id = cast(?1 as uuid)", invited));

        // the printable batch: CSV with the links
        String csv = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).queryParam("format", "csv")
                .body(Map.of("count", 2)).post("/api/v1/surveys/{id}/tokens", invited).then().statusCode(200)
                .header("Content-Disposition", containsString(".csv")).extract().asString();
        assertTrue(csv.startsWith("\uFEFFno,token,link\r\n1,"), csv);

        given().contentType(ContentType.JSON).body(body(4, null)).post("/api/v1/public/surveys/{id}/responses", invited)
                .then().statusCode(403).body("detail", containsString("invitation only"));
        given().contentType(ContentType.JSON).body(body(4, foreign))
                .post("/api/v1/public/surveys/{id}/responses", invited).then().statusCode(403);
        // a refused answer does not use the invitation up
        given().contentType(ContentType.JSON).body(body(9, tokens.get(0)))
                .post("/api/v1/public/surveys/{id}/responses", invited).then().statusCode(400);
        given().contentType(ContentType.JSON).body(body(4, tokens.get(0)))
                .post("/api/v1/public/surveys/{id}/responses", invited).then().statusCode(201);
        given().contentType(ContentType.JSON).body(body(5, tokens.get(0)))
                .post("/api/v1/public/surveys/{id}/responses", invited).then().statusCode(409)
                .body("detail", containsString("used already"));
        assertEquals(1, count("select count(*) from survey_response where survey_id = cast(?1 as uuid)", invited));

        given().auth().oauth2(TestTokens.admin()).get("/api/v1/surveys/{id}/tokens", invited).then().statusCode(200)
                .body("issued.sum()", equalTo(5)).body("used.sum()", equalTo(1));
        // the invitation's row says that it was used, not when (the time would match its response's)
        assertEquals(1,
                count("select count(*) from survey_token where survey_id = cast(?1 as uuid) and used", invited));
        assertEquals(1, count("select count(*) from information_schema.columns where table_name = 'survey_token' and"
                + " data_type like 'timestamp%'"), "only the batch's creation time");
    }

    @Test
    void aResponseSentAgainWithTheIdItsPageChoseIsReceivedOnce() {
        String s = TestDb.registeredSubject(em, bootstrap, "I");
        String open = survey(s, "PUBLIC");
        String invited = survey(s, "TOKEN");
        String token = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("count", 1))
                .post("/api/v1/surveys/{id}/tokens", invited).then().statusCode(201).extract()
                .path("invitations[0].token");

        // a public survey: the answer to the first send was lost, and the page sends the same response again
        Map<String, Object> first = new java.util.HashMap<>(body(4, null));
        String id = UUID.randomUUID().toString();
        first.put("responseId", id);
        given().contentType(ContentType.JSON).body(first).post("/api/v1/public/surveys/{id}/responses", open).then()
                .statusCode(201).body("id", equalTo(id))
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
        given().contentType(ContentType.JSON).body(first).post("/api/v1/public/surveys/{id}/responses", open).then()
                .statusCode(201).body("id", equalTo(id)).header("Idempotent-Replayed", "true");
        assertEquals(1, count("select count(*) from survey_response where survey_id = cast(?1 as uuid)", open),
                "counted once");

        // an invitation: the second send is the same response, not a second use of the invitation
        Map<String, Object> invitedBody = new java.util.HashMap<>(body(5, token));
        String invitedId = UUID.randomUUID().toString();
        invitedBody.put("responseId", invitedId);
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body(invitedBody)
                    .post("/api/v1/public/surveys/{id}/responses", invited).then().statusCode(201)
                    .body("id", equalTo(invitedId));
        }
        // another response with the same invitation is still refused
        invitedBody.put("responseId", UUID.randomUUID().toString());
        given().contentType(ContentType.JSON).body(invitedBody).post("/api/v1/public/surveys/{id}/responses", invited)
                .then().statusCode(409).body("detail", containsString("used already"));
        assertEquals(1, count("select count(*) from survey_response where survey_id = cast(?1 as uuid)", invited));

        // the id of a response to one survey cannot be sent to another, and says nothing about that response
        String another = survey(s, "PUBLIC");
        given().contentType(ContentType.JSON).body(first).post("/api/v1/public/surveys/{id}/responses", another).then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("responseId is the id of another response: load the survey again"));
        Map<String, Object> bad = new java.util.HashMap<>(first);
        bad.put("responseId", "not-a-uuid");
        given().contentType(ContentType.JSON).body(bad).post("/api/v1/public/surveys/{id}/responses", open).then()
                .statusCode(400).body("violations[0].field", equalTo("responseId"));
        assertEquals(1, count("select count(*) from survey_response where survey_id = cast(?1 as uuid)", open));
        assertEquals(0, count("select count(*) from survey_response where survey_id = cast(?1 as uuid)", another));
    }

    @Test
    void aDeviceIsThrottledAndItsBurstIsHeldForReview() {
        String s = TestDb.registeredSubject(em, bootstrap, "F");
        String survey = survey(s, "PUBLIC");
        String device = "kiosk-" + UUID.randomUUID();
        for (int i = 1; i <= 5; i++) {
            given().header("User-Agent", device).contentType(ContentType.JSON).body(body(3, null))
                    .post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(201);
        }
        given().header("User-Agent", device).contentType(ContentType.JSON).body(body(3, null))
                .post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(429)
                .header("Retry-After", notNullValue()).contentType("application/problem+json")
                .body("status", equalTo(429));
        // another device is not held up
        given().header("User-Agent", "phone-" + UUID.randomUUID()).contentType(ContentType.JSON).body(body(5, null))
                .post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(201);
        // responses 4 and 5 came in a burst (3 already within 60 s): held, out of the index
        assertEquals(2, count("select count(*) from survey_response where survey_id = cast(?1 as uuid) and status ="
                + " 'HELD' and jsonb_exists(flags, 'BURST')", survey));
        // the raw address is never stored, only the salted hash
        assertEquals(0, count("select count(*) from survey_response where fingerprint like '%127.0.0.1%'"));

        var integrity = given().auth().oauth2(TestTokens.admin())
                .get("/api/v1/surveys/{id}/responses/integrity", survey).then().statusCode(200)
                .body("responses", equalTo(6)).body("byStatus.HELD", equalTo(2)).body("byFlag.BURST", equalTo(2))
                .body("devices", equalTo(2)).extract();
        assertEquals(4, (int) integrity.path("byStatus.COUNTED"));
        given().auth().oauth2(TestTokens.superior("mayor")).get("/api/v1/surveys/{id}/responses/integrity", survey)
                .then().statusCode(403);

        // index: 4 counted (3, 3, 3 → 50 each; 5 → 100) = 62.5
        Eventually.until("the index counts only the 4", Duration.ofSeconds(30), () -> count(
                "select count(*) from satisfaction where subject_code = ?1 and sample_size = 4", s) == 1);
        List<String> held = given().auth().oauth2(TestTokens.admin()).queryParam("status", "HELD")
                .get("/api/v1/surveys/{id}/responses", survey).then().statusCode(200)
                .body("items.flags.flatten()", hasItem("BURST")).body("items[0]", not(hasItem("fingerprint")))
                .extract().path("items.id");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("decision", "COUNT"))
                .post("/api/v1/surveys/{id}/responses/{r}/review", survey, held.get(0)).then().statusCode(200)
                .body("status", equalTo("COUNTED")).body("reviewedBy", notNullValue());
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("decision", "REJECT"))
                .post("/api/v1/surveys/{id}/responses/{r}/review", survey, held.get(1)).then().statusCode(200)
                .body("status", equalTo("REJECTED"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("decision", "COUNT"))
                .post("/api/v1/surveys/{id}/responses/{r}/review", survey, held.get(1)).then().statusCode(409);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("decision", "MAYBE"))
                .post("/api/v1/surveys/{id}/responses/{r}/review", survey, held.get(0)).then().statusCode(400);
        Eventually.until("the reviewed response is counted", Duration.ofSeconds(30), () -> count(
                "select count(*) from satisfaction where subject_code = ?1 and sample_size = 5", s) == 1);
    }

    /**
     * Two admins decide the same held response at once. The test holds the first decision (COUNT) inside its
     * transaction and sends the second (REJECT). Without the row lock the second read the response as HELD before the
     * first committed, and overwrote COUNTED with REJECTED: two decisions answered 200, the last one kept. The second
     * now waits for the first, reads COUNTED and is refused.
     */
    @Test
    void aHeldResponseIsDecidedOnceWhenTwoAdminsDecideAtOnce() throws Exception {
        String s = TestDb.registeredSubject(em, bootstrap, "D");
        String survey = survey(s, "PUBLIC");
        String response = given().header("User-Agent", "kiosk-" + UUID.randomUUID()).contentType(ContentType.JSON)
                .body(body(4, null)).post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(201)
                .extract().path("id");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update survey_response set status = 'HELD' where id = cast(?1 as uuid)").setParameter(1, response)
                .executeUpdate());
        try (HeldTransaction first = HeldTransaction.of(() -> em.createNativeQuery("update survey_response set status"
                + " = 'COUNTED', reviewed_by = 'first-admin', reviewed_at = now() where id = cast(?1 as uuid)")
                .setParameter(1, response).executeUpdate())) {
            assertEquals(409, first.commitWhileWaitedOn(em, "the second decision waits for the first",
                    () -> given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                            .body(Map.of("decision", "REJECT"))
                            .post("/api/v1/surveys/{id}/responses/{r}/review", survey, response).then().extract()
                            .statusCode()));
        }
        assertEquals(1, count("select count(*) from survey_response where id = cast(?1 as uuid) and status ="
                + " 'COUNTED' and reviewed_by = 'first-admin'", response));
    }

    @Test
    void responsesAndIndicesExportAsCsvAndExcelWithoutFormulasOrFingerprints() throws Exception {
        String s = TestDb.registeredSubject(em, bootstrap, "X");
        String survey = survey(s, "PUBLIC");
        given().header("User-Agent", "d-" + UUID.randomUUID()).contentType(ContentType.JSON).body(body(4, null))
                .post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(201);
        String csv = new String(given().auth().oauth2(TestTokens.superior("mayor"))
                .get("/api/v1/surveys/{id}/responses/export", survey).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asByteArray(), StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertEquals(
                "\uFEFFresponse_id,submitted_at,group,channel,status,flags,duration_ms,score,CITIZEN:q1,CITIZEN:q2",
                lines[0]);
        assertTrue(lines[1].endsWith(",CITIZEN,WEB,COUNTED,,30000,75,4,\"'=HYPERLINK(\"\"x\"\")\""), lines[1]);
        assertFalse(csv.contains("fingerprint"));

        byte[] xlsx = given().auth().oauth2(TestTokens.admin()).queryParam("format", "xlsx")
                .get("/api/v1/surveys/{id}/responses/export", survey).then().statusCode(200).extract().asByteArray();
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = wb.getSheetAt(0);
            assertEquals("CITIZEN:q1", sheet.getRow(0).getCell(8).getStringCellValue());
            assertEquals(75.0, sheet.getRow(1).getCell(7).getNumericCellValue());
        }
        given().auth().oauth2(TestTokens.department(s)).get("/api/v1/surveys/{id}/responses/export", survey).then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.admin()).queryParam("format", "pdf")
                .get("/api/v1/surveys/{id}/responses/export", survey).then().statusCode(400);

        Eventually.until("index computed", Duration.ofSeconds(30),
                () -> count("select count(*) from satisfaction where subject_code = ?1", s) == 1);
        String indices = given().auth().oauth2(TestTokens.admin()).queryParam("period", "2026")
                .get("/api/v1/satisfaction/export").then().statusCode(200).extract().asString();
        assertTrue(indices.contains("\r\n" + s + ",2026,75,1,"), indices);
        given().auth().oauth2(TestTokens.admin()).queryParam("period", "26")
                .get("/api/v1/satisfaction/export").then().statusCode(400);
    }

    /**
     * A month after a survey closes, its responses can no longer be linked to a device: the fingerprints are replaced
     * by pseudonyms that tell only that survey's devices apart. The same device's answers to another survey, and a
     * survey closed more recently, keep theirs.
     */
    @Test
    void aClosedSurveysResponsesAreUnlinkedFromTheirDevicesAfterTheRetention() {
        String s = TestDb.registeredSubject(em, bootstrap, "U");
        String old = survey(s, "PUBLIC");
        String recent = survey(s, "PUBLIC");
        String phone = "phone-" + UUID.randomUUID();
        for (String device : List.of(phone, phone, "kiosk-" + UUID.randomUUID(), "tablet-" + UUID.randomUUID())) {
            given().header("User-Agent", device).contentType(ContentType.JSON).body(body(4, null))
                    .post("/api/v1/public/surveys/{id}/responses", old).then().statusCode(201);
        }
        given().header("User-Agent", phone).contentType(ContentType.JSON).body(body(5, null))
                .post("/api/v1/public/surveys/{id}/responses", recent).then().statusCode(201);
        for (String id : List.of(old, recent)) {
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/surveys/{id}/close", id).then().statusCode(200);
        }
        String closedAgo = "update survey set closed_at = now() - cast(?2 as interval) where id = cast(?1 as uuid)";
        TestDb.update(em, closedAgo, old, "30 days 1 minute");
        TestDb.update(em, closedAgo, recent, "29 days 23 hours");
        String phonePrint = fingerprints(recent).get(0);
        List<String> before = fingerprints(old);
        assertEquals(List.of(true, true, false, false), before.stream().map(phonePrint::equals).toList());

        assertTrue(unlinking.unlinkClosedBefore(java.time.OffsetDateTime.now().minusDays(30)) >= 1);

        List<String> after = fingerprints(old);
        assertTrue(after.stream().noneMatch(before::contains), after::toString);
        assertTrue(after.stream().allMatch(f -> f.matches("[0-9a-f]{64}")), after::toString);
        assertEquals(after.get(0), after.get(1)); // the phone's two answers are still one device
        assertEquals(3, after.stream().distinct().count());
        assertEquals(List.of(phonePrint), fingerprints(recent)); // not yet a month
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/surveys/{id}/responses/integrity", old).then()
                .statusCode(200).body("devices", equalTo(3)).body("responses", equalTo(4))
                .body("devicesUnlinkedAt", notNullValue());
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/surveys/{id}/responses/integrity", recent).then()
                .statusCode(200).body("devices", equalTo(1)).body("devicesUnlinkedAt", nullValue());

        // once is enough: a later pass leaves the survey alone
        unlinking.unlinkClosedBefore(java.time.OffsetDateTime.now().minusDays(30));
        assertEquals(after, fingerprints(old));
    }

    @SuppressWarnings("unchecked")
    List<String> fingerprints(String survey) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select fingerprint from"
                + " survey_response where survey_id = cast(?1 as uuid) order by submitted_at").setParameter(1, survey)
                .getResultList());
    }

    /** A phone number or an identity card number typed into a free-text answer is masked before it is stored. */
    @Test
    void personalDataInAFreeTextAnswerIsMaskedBeforeItIsStored() {
        String survey = survey(TestDb.registeredSubject(em, bootstrap, "P"), "PUBLIC");
        given().header("User-Agent", "phone-" + UUID.randomUUID()).contentType(ContentType.JSON)
                .body(Map.of("group", "CITIZEN", "durationMs", 30_000, "answers", List.of(Map.of("question", "q1",
                        "value", 2),
                        Map.of("question", "q2", "text",
                                "请回电 13812345678，身份证 11010119900307123X，窗口 3 号"))))
                .post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(201);
        assertEquals(1, count("select count(*) from survey_response where survey_id = cast(?1 as uuid) and"
                + " answers::text like '%请回电 138****5678，身份证 110101********123X，窗口 3 号%'", survey));
        assertEquals(0, count("select count(*) from survey_response where survey_id = cast(?1 as uuid) and"
                + " (answers::text like '%12345678%' or answers::text like '%19900307%')", survey));
        String csv = given().auth().oauth2(TestTokens.admin()).get("/api/v1/surveys/{id}/responses/export", survey)
                .then().statusCode(200).extract().asString();
        assertTrue(csv.contains("138****5678") && !csv.contains("13812345678"), csv);
    }
}
