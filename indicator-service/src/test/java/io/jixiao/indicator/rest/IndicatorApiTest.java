package io.jixiao.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.kit.security.CachingJwtParser;
import io.jixiao.kit.web.BoundedNumbers;
import io.jixiao.testsupport.EventSamples;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.jixiao.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class IndicatorApiTest {

    static final String TOPIC = "jixiao.indicator.events";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    CachingJwtParser parser;

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static void subject(String code) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "nameZh", "测试局" + code, "nameEn", "Bureau " + code, "level", "DEPARTMENT"))
                .post("/api/v1/subjects").then().statusCode(201);
    }

    static void indicator(String code, String dimension, double target, String subject) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "nameZh", "指标" + code, "dimension", dimension, "kind", "QUANTITATIVE",
                        "polarity", "HIGHER_BETTER", "target", target, "weight", 10, "subjects", List.of(subject)))
                .post("/api/v1/indicators").then().statusCode(201);
    }

    long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    @Test
    void departmentReportsItsValueAndTheScorecardEventCarriesTheFormulaResult() throws Exception {
        String dept = unique("D");
        String ind = unique("I");
        subject(dept);
        indicator(ind, "FINANCIAL", 80, dept);

        // 72 against a target of 80 without floor: 100·72/80 = 90 → one applicable dimension → total 90, EXCELLENT
        given().auth().oauth2(TestTokens.department(dept)).contentType(ContentType.JSON)
                .body(Map.of("subject", dept, "indicator", ind, "period", "2026", "value", 72))
                .post("/api/v1/values").then().statusCode(201)
                .body("value.score", equalTo(90)).body("value.light", equalTo("GREEN"))
                .body("scorecardTotal", equalTo(90)).body("scorecardGrade", equalTo("EXCELLENT"));

        List<ConsumerRecord<String, String>> events = TopicProbe.await(bootstrap, TOPIC,
                r -> dept.equals(r.key())
                        && "jixiao.indicator.scorecard.computed.v1".equals(TopicProbe.header(r, "ce_type")),
                1, Duration.ofSeconds(20));
        assertEquals(1, events.size(), "one scorecard.computed event for " + dept);
        ConsumerRecord<String, String> e = events.get(0);
        assertEquals("1.0", TopicProbe.header(e, "ce_specversion"));
        assertEquals("indicator-service", TopicProbe.header(e, "ce_source"));
        assertEquals(dept, TopicProbe.header(e, "ce_subject"));
        UUID.fromString(TopicProbe.header(e, "ce_id"));
        JsonNode payload = mapper.readTree(e.value());
        assertEquals(0, payload.get("total").decimalValue().compareTo(new java.math.BigDecimal("90")));
        assertEquals(0, payload.at("/dimensions/FINANCIAL").decimalValue().compareTo(new java.math.BigDecimal("90")));
        assertEquals("EXCELLENT", payload.get("grade").asText());
        assertEquals(4, payload.get("excludedDimensions").size());
        assertEquals(List.of(), EventSamples.shapeDifferences("jixiao.indicator.scorecard.computed.v1", e.value()));

        // the other two event types of this service have the shape of their shared samples too
        var recorded = TopicProbe.await(bootstrap, TOPIC, r -> dept.equals(r.key())
                && "jixiao.indicator.value.recorded.v1".equals(TopicProbe.header(r, "ce_type")), 1,
                Duration.ofSeconds(20));
        assertEquals(List.of(), EventSamples.shapeDifferences("jixiao.indicator.value.recorded.v1",
                recorded.get(0).value()));
        var registered = TopicProbe.await(bootstrap, TOPIC, r -> dept.equals(r.key())
                && "jixiao.indicator.subject.registered.v1".equals(TopicProbe.header(r, "ce_type")), 1,
                Duration.ofSeconds(20));
        assertEquals(List.of(), EventSamples.shapeDifferences("jixiao.indicator.subject.registered.v1",
                registered.get(0).value()));
    }

    /**
     * An actual is kept to 8 decimals (its column is numeric(24, 8)), rounded half-up, before it is scored: the answer,
     * the stored row, the score and the event all carry the same number, for a single value and for the bulk path.
     * Before, the score and the answer used the number as sent, the event of a bulk value too, and the row held it
     * rounded by PostgreSQL.
     */
    @Test
    void anActualIsKeptToEightDecimalsBeforeItIsScoredAndEverythingCarriesThatNumber() throws Exception {
        String dept = unique("D");
        String one = unique("I");
        String two = unique("I");
        subject(dept);
        indicator(one, "PROCESS", 1, dept);
        indicator(two, "PROCESS", 1, dept);
        // 0.123456789 → 0.12345679; against a target of 1: 12.345679 (not 12.3456789)
        String answer = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"subject\":\"" + dept + "\",\"indicator\":\"" + one
                        + "\",\"period\":\"2026\",\"value\":0.123456789}")
                .post("/api/v1/values").then().statusCode(201).extract().asString();
        JsonNode answered = mapper.readTree(answer).get("value");
        assertEquals("0.12345679", answered.get("value").decimalValue().toPlainString(), answered.toString());
        assertEquals("12.345679", answered.get("score").decimalValue().toPlainString(), answered.toString());
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"values\":[{\"subject\":\"" + dept + "\",\"indicator\":\"" + two
                        + "\",\"period\":\"2026\",\"value\":0.987654325}]}")
                .post("/api/v1/values/bulk").then().statusCode(200);
        assertEquals(0, new java.math.BigDecimal("0.12345679").compareTo((java.math.BigDecimal) em
                .createNativeQuery("select actual from indicator_value where subject_code = ?1 and indicator_code = ?2")
                .setParameter(1, dept).setParameter(2, one).getSingleResult()));
        var recorded = TopicProbe.await(bootstrap, TOPIC, r -> dept.equals(r.key())
                && "jixiao.indicator.value.recorded.v1".equals(TopicProbe.header(r, "ce_type")), 2,
                Duration.ofSeconds(20));
        Map<String, JsonNode> byIndicator = new java.util.HashMap<>();
        for (var r : recorded) {
            JsonNode p = mapper.readTree(r.value());
            byIndicator.put(p.get("indicator").asText(), p);
        }
        assertEquals(0, byIndicator.get(one).get("value").decimalValue().compareTo(new java.math.BigDecimal(
                "0.12345679")), byIndicator.get(one).toString());
        assertEquals(0, byIndicator.get(one).get("score").decimalValue().compareTo(new java.math.BigDecimal(
                "12.345679")), byIndicator.get(one).toString());
        // half-up: 0.987654325 → 0.98765433
        assertEquals(0, byIndicator.get(two).get("value").decimalValue().compareTo(new java.math.BigDecimal(
                "0.98765433")), byIndicator.get(two).toString());
        assertEquals(0, byIndicator.get(two).get("score").decimalValue().compareTo(new java.math.BigDecimal(
                "98.765433")), byIndicator.get(two).toString());
        JsonNode listed = mapper.readTree(given().auth().oauth2(TestTokens.admin()).queryParam("period", "2026")
                .get("/api/v1/subjects/{c}/values", dept).then().statusCode(200).extract().asString());
        for (JsonNode v : listed) {
            assertEquals(v.get("indicator").asText().equals(one) ? "0.12345679" : "0.98765433",
                    v.get("value").decimalValue().toPlainString(), v.toString());
        }
        // rounding 5E-999999999 to 8 decimals computed a power of ten with a billion digits: a core for minutes
        for (String tiny : List.of("5E-999999999", "\"0E-999999999\"", "1E+999999999")) {
            for (String path : List.of("/api/v1/values", "/api/v1/values/bulk")) {
                String row = "{\"subject\":\"" + dept + "\",\"indicator\":\"" + one
                        + "\",\"period\":\"2026\",\"value\":"
                        + tiny + ",\"correctionReason\":\"probe\"}";
                given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                        .body(path.endsWith("bulk") ? "{\"values\":[" + row + "]}" : row).post(path).then()
                        .statusCode(400).body("violations[0].field", containsString("value"))
                        .body("violations[0].message", equalTo(BoundedNumbers.MESSAGE));
            }
        }
        assertEquals(0, new java.math.BigDecimal("0.12345679").compareTo((java.math.BigDecimal) em
                .createNativeQuery("select actual from indicator_value where subject_code = ?1 and indicator_code = ?2"
                        + " and is_current")
                .setParameter(1, dept).setParameter(2, one).getSingleResult()), "nothing written");
    }

    /** The list narrows to a dimension and a kind; every page of it holds only what was asked for. */
    @Test
    void indicatorsAreListedByDimensionAndKind() {
        String dept = unique("D");
        String financial = unique("I");
        String process = unique("I");
        subject(dept);
        indicator(financial, "FINANCIAL", 100, dept);
        indicator(process, "PROCESS", 100, dept);

        List<String> codes = new java.util.ArrayList<>();
        int pages = 1;
        for (int page = 0; page < pages; page++) {
            var answer = given().auth().oauth2(TestTokens.department(dept)).queryParam("dimension", "FINANCIAL")
                    .queryParam("kind", "QUANTITATIVE").queryParam("size", 100).queryParam("page", page)
                    .get("/api/v1/indicators").then().statusCode(200)
                    .body("items.dimension", everyItem(equalTo("FINANCIAL")))
                    .body("items.kind", everyItem(equalTo("QUANTITATIVE"))).extract();
            codes.addAll(answer.path("items.code"));
            pages = answer.path("totalPages");
        }
        assertTrue(codes.contains(financial), codes.toString());
        assertFalse(codes.contains(process), codes.toString());
        given().auth().oauth2(TestTokens.admin()).queryParam("dimension", "PROCESS").queryParam("kind", "QUALITATIVE")
                .queryParam("size", 100).get("/api/v1/indicators").then().statusCode(200)
                .body("items.code", not(hasItem(process)));
        given().auth().oauth2(TestTokens.admin()).queryParam("dimension", "MORALE").get("/api/v1/indicators").then()
                .statusCode(400);
    }

    /**
     * A subject's active dates must be in the years 1900 to 2999: the largest date JSON can carry was accepted and then
     * refused by PostgreSQL at commit, a 500; a year 0 or 10000 was stored.
     */
    @Test
    void aSubjectsActiveDatesOutsideTheYears1900To2999AreRefused() {
        for (String date : List.of("+999999999-12-31", "-999999999-01-01", "0000-01-01", "+10000-01-01",
                "1899-12-31")) {
            String code = unique("D");
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body("{\"code\":\"" + code + "\",\"nameZh\":\"日期\",\"level\":\"DEPARTMENT\",\"activeFrom\":\""
                            + date + "\"}")
                    .post("/api/v1/subjects").then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("activeFrom"))
                    .body("violations[0].message", equalTo("must be in the years 1900 to 2999"));
            assertEquals(0, count("select count(*) from subject where code = ?1", code));
        }
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", unique("D"), "nameZh", "日期", "level", "DEPARTMENT", "activeFrom", "1949-10-01",
                        "activeTo", "2999-12-31"))
                .post("/api/v1/subjects").then().statusCode(201);
    }

    /** A definition's numbers are refused past the decimals their columns keep, instead of being rounded there. */
    @Test
    void anIndicatorsNumbersPastTheirColumnsDecimalsAreRefused() {
        String dept = unique("D");
        String ind = unique("I");
        subject(dept);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"code\":\"" + ind + "\",\"nameZh\":\"精度\",\"dimension\":\"PROCESS\",\"kind\":"
                        + "\"QUANTITATIVE\",\"target\":80.123456789,\"weight\":10.00005}")
                .post("/api/v1/indicators").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("target", "weight"))
                .body("violations.message", org.hamcrest.Matchers.hasItem(
                        "at most 16 digits before the point and 8 after it"));
        // a subject listed twice was stored and answered twice
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", ind, "nameZh", "重复", "dimension", "PROCESS", "kind", "QUANTITATIVE", "target", 80,
                        "weight", 10, "subjects", List.of(dept, dept)))
                .post("/api/v1/indicators").then().statusCode(400).body("violations[0].field", equalTo("subjects[1]"));
        assertEquals(0, count("select count(*) from indicator where code = ?1", ind));
    }

    /**
     * A property the operation does not take is refused: {@code appliesTo} for {@code subjects} used to be ignored, and
     * the indicator was created for every subject. Events stay lenient (a producer may add a field).
     */
    @Test
    void aPropertyTheRequestDoesNotTakeIsRefusedNamingIt() {
        String dept = unique("D");
        String ind = unique("I");
        subject(dept);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", ind, "nameZh", "拼写", "dimension", "PROCESS", "kind", "QUANTITATIVE", "target", 80,
                        "weight", 10, "appliesTo", List.of(dept)))
                .post("/api/v1/indicators").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("appliesTo"))
                .body("violations[0].message", containsString("is not a property of this request"))
                .body("violations[0].message", containsString("subjects"));
        assertEquals(0, count("select count(*) from indicator where code = ?1", ind));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("values", List.of(Map.of("subject", dept, "indicator", ind, "period", "2026", "value", 1,
                        "unit", "%"))))
                .post("/api/v1/values/bulk").then().statusCode(400)
                .body("violations[0].field", equalTo("values[0].unit"));
    }

    /** A fraction where a whole number is expected was truncated: a zombie scan for 2025.9 ran for 2025. */
    @Test
    void aFractionWhereAWholeNumberIsExpectedIsRefused() {
        for (Object year : List.of(2025.9, 2025.0, 2.0251E3)) {
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("year", year))
                    .post("/api/v1/quality/zombie-scans").then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("year"))
                    .body("violations[0].message", equalTo("must be a whole number"));
        }
    }

    @Test
    void aDepartmentCannotWriteOrReadAnotherDepartmentsValuesAndNothingIsWritten() {
        String mine = unique("D");
        String other = unique("D");
        String ind = unique("I");
        subject(mine);
        subject(other);
        indicator(ind, "PROCESS", 10, other);
        given().auth().oauth2(TestTokens.department(mine)).contentType(ContentType.JSON)
                .body(Map.of("subject", other, "indicator", ind, "period", "2026", "value", 5))
                .post("/api/v1/values").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403))
                .body("detail", equalTo("you may only report values for your own department"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("subject", other, "indicator", ind, "period", "2025", "value", 5))
                .post("/api/v1/values").then().statusCode(201);
        given().auth().oauth2(TestTokens.department(mine)).queryParam("period", "2025")
                .get("/api/v1/subjects/{c}/values", other).then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("a department sees only its own values"));
        given().auth().oauth2(TestTokens.department(other)).queryParam("period", "2025")
                .get("/api/v1/subjects/{c}/values", other).then().statusCode(200).body("size()", equalTo(1));
        assertEquals(0, count("select count(*) from indicator_value where subject_code = ?1 and period = '2026'",
                other));
        assertEquals(1,
                count("select count(*) from outbox_event where record_key = ?1 and event_type like '%value%'", other),
                "the admin's value only");
    }

    @Test
    void aCorrectionNeedsAReasonAndKeepsHistory() {
        String dept = unique("D");
        String ind = unique("I");
        subject(dept);
        indicator(ind, "LEARNING", 50, dept);
        var body = Map.of("subject", dept, "indicator", ind, "period", "2026-Q1", "value", 25);
        given().auth().oauth2(TestTokens.system("hotline-12345")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/values").then().statusCode(201).body("value.score", equalTo(50));
        given().auth().oauth2(TestTokens.system("hotline-12345")).contentType(ContentType.JSON)
                .body(Map.of("subject", dept, "indicator", ind, "period", "2026-Q1", "value", 40))
                .post("/api/v1/values").then().statusCode(409).body("detail", containsString("correctionReason"));
        given().auth().oauth2(TestTokens.system("hotline-12345")).contentType(ContentType.JSON)
                .body(Map.of("subject", dept, "indicator", ind, "period", "2026-Q1", "value", 40, "correctionReason",
                        "typo in the first report"))
                .post("/api/v1/values").then().statusCode(201).body("value.score", equalTo(80));
        given().auth().oauth2(TestTokens.admin()).queryParam("period", "2026-Q1").queryParam("history", true)
                .get("/api/v1/subjects/{c}/values", dept).then().statusCode(200)
                .body("size()", equalTo(2)).body("current", equalTo(List.of(false, true)));
    }

    /**
     * A system that lost the answer to its POST sends it again with the same {@code Idempotency-Key}: it gets the first
     * answer (201, the same value), and nothing is written twice. Without a key that retry is a correction without a
     * reason (409), and so is another system's request under the same key. Four copies of one correction sent at once with one key are stored once, and all four get its
     * answer. The same key with another body is refused (422), and so is a key that is not one (400).
     */
    @Test
    void aValueSentAgainWithItsIdempotencyKeyIsStoredOnce() throws Exception {
        String dept = unique("D");
        String ind = unique("I");
        subject(dept);
        indicator(ind, "LEARNING", 50, dept);
        String system = TestTokens.system("hotline-12345");
        var body = Map.of("subject", dept, "indicator", ind, "period", "2026-Q2", "value", 25);
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(system).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/values").then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .extract().asString();
        String again = given().auth().oauth2(system).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/v1/values").then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", containsString("/api/v1/subjects/" + dept + "/values")).extract().asString();
        assertEquals(first, again, "the first answer, to the byte");
        given().auth().oauth2(system).contentType(ContentType.JSON).body(body).post("/api/v1/values").then()
                .statusCode(409);
        // keys are per caller: another system's request under the same key is its own, and sees no one's answer
        given().auth().oauth2(TestTokens.system("service-hall")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/values").then().statusCode(409)
                .header("Idempotent-Replayed", nullValue());
        given().auth().oauth2(system).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("subject", dept, "indicator", ind, "period", "2026-Q2", "value", 26))
                .post("/api/v1/values")
                .then().statusCode(422).body("violations[0].field", equalTo("Idempotency-Key"));
        given().auth().oauth2(system).header("Idempotency-Key", "not a key").contentType(ContentType.JSON).body(body)
                .post("/api/v1/values").then().statusCode(400).body("violations[0].field", equalTo("Idempotency-Key"));

        var correction = Map.of("subject", dept, "indicator", ind, "period", "2026-Q2", "value", 40, "correctionReason",
                "the hotline's monthly figure was revised");
        String once = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<io.restassured.response.Response>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sent.add(pool.submit(() -> given().auth().oauth2(system).header("Idempotency-Key", once)
                        .contentType(ContentType.JSON).body(correction).post("/api/v1/values").then().extract()
                        .response()));
            }
            java.util.Set<Object> ids = new java.util.HashSet<>();
            for (var f : sent) {
                var r = f.get(60, TimeUnit.SECONDS);
                assertEquals(201, r.statusCode(), r.asString());
                ids.add(r.path("value.id"));
            }
            assertEquals(1, ids.size(), "all four got the one correction's answer");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, count("select count(*) from indicator_value where subject_code = ?1 and indicator_code = ?2",
                dept, ind), "the first value and one correction");
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndWritesNothing() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"code\": \"X\", ")
                .post("/api/v1/subjects").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", "BADLEVEL", "nameZh", "x", "level", "GALAXY"))
                .post("/api/v1/subjects").then().log().ifValidationFails().statusCode(400)
                .body("violations.field", hasItem("level"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", "lower", "level", "CITY"))
                .post("/api/v1/subjects").then().statusCode(400)
                .body("violations.field", hasItem("code")).body("violations.field", hasItem("nameZh"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("subject", "NOPE", "indicator", "NOPE", "period", "2026", "value", "abc"))
                .post("/api/v1/values").then().statusCode(400).body("violations[0].field", equalTo("value"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("subject", "NOPE", "indicator", "NOPE", "period", "26", "value", 1))
                .post("/api/v1/values").then().statusCode(400).body("violations.field", hasItem("period"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", "ZERO", "nameZh", "零", "dimension", "PUBLIC", "kind", "QUANTITATIVE",
                        "polarity", "HIGHER_BETTER", "target", 0, "weight", 1))
                .post("/api/v1/indicators").then().statusCode(400).body("violations.field", hasItem("target"));
        assertEquals(0, count("select count(*) from subject where code in ('BADLEVEL', 'X', 'lower')"));
        assertEquals(0, count("select count(*) from indicator where code = 'ZERO'"));
    }

    @Test
    void tokensAndRolesAreChecked() {
        given().get("/api/v1/subjects").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not.a.jwt").get("/api/v1/subjects").then().statusCode(401);
        String wrongIssuer = TestTokens.builder("x", "admin", null, null).issuer("https://evil.example")
                .sign(io.jixiao.testsupport.TestKeys.privateKey());
        given().auth().oauth2(wrongIssuer).get("/api/v1/subjects").then().statusCode(401);
        String expired = TestTokens.builder("x", "admin", null, null)
                .issuedAt(java.time.Instant.now().minusSeconds(7200))
                .expiresAt(java.time.Instant.now().minusSeconds(3600))
                .sign(io.jixiao.testsupport.TestKeys.privateKey());
        given().auth().oauth2(expired).get("/api/v1/subjects").then().statusCode(401);
        given().auth().oauth2(TestTokens.department("ANY")).contentType(ContentType.JSON)
                .body(Map.of("code", "FORBID", "nameZh", "x", "level", "CITY"))
                .post("/api/v1/subjects").then().statusCode(403).body("status", equalTo(403));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/subjects/NO_SUCH").then().statusCode(404)
                .body("instance", equalTo("/api/v1/subjects/NO_SUCH")).body("requestId", notNullValue());
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/nowhere").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aVerifiedTokenIsRememberedAndATamperedCopyIsStillRefused() {
        String token = TestTokens.finance();
        int before = parser.remembered();
        given().auth().oauth2(token).get("/api/v1/subjects").then().statusCode(200);
        assertEquals(before + 1, parser.remembered(), "the bearer check goes through the kit's parser");
        given().auth().oauth2(token).get("/api/v1/subjects").then().statusCode(200);
        assertEquals(before + 1, parser.remembered());
        // the same claims with the signature's last characters changed: verified in full, and refused
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        given().auth().oauth2(tampered).get("/api/v1/subjects").then().statusCode(401);
        assertEquals(before + 1, parser.remembered());
    }
}
