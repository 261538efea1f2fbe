package io.jixiao.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.EventSamples;
import io.jixiao.testsupport.Eventually;
import io.jixiao.testsupport.LocalKafka;
import io.jixiao.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The operations that the other system tests do not reach with a successful call, each reached once the way a front-end
 * or a government system would, in a year of their own (2041) and on subjects of their own. Every answer passes
 * through {@link Answers}: it must fit the schema its operation documents, and it becomes the example the document
 * shows (OpenApiIT requires one for every JSON answer). The other tests prove what the numbers are; this one proves
 * that the document tells the truth about what comes back.
 */
class TourOfTheApiIT {

    static final String YEAR = "2041";
    static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void suite() {
        Suite.atGateway();
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String admin() {
        return TestTokens.admin();
    }

    @Test
    void everyOperationAnswersWhatItsDocumentSays() {
        String a = "TOUR" + System.nanoTime() % 100_000;
        String b = a + "B";
        for (String s : List.of(a, b)) {
            as(admin()).body(Map.of("code", s, "nameZh", "巡检单位" + s, "nameEn", "Tour unit " + s, "level",
                    "DEPARTMENT")).post("/api/v1/subjects").then().statusCode(201);
        }
        reorganisation(a, b);
        strategyAndIndicators(a);
        budget(a);
        evaluation(a, b);
        surveysAndReviews(a);
        as(admin()).queryParam("period", YEAR).get("/api/v1/portal/departments/{c}", a).then().statusCode(200);
        as(admin()).queryParam("period", YEAR).get("/api/v1/portal/warnings").then().statusCode(200);
        deadLetters(a + "D");
    }

    /**
     * Each service's dead-letter topic holds a record an earlier version of its consumer refused: the operator finds
     * it in the service's list and applies it again. The records are about a subject only the copies learn of, so that
     * applying them sets off nothing further (the bad-input sweep that follows waits for a quiet cluster).
     */
    static void deadLetters(String code) {
        String bootstrap = LocalKafka.shared().bootstrapServers();
        String registered = "jixiao.indicator.subject.registered.v1";
        String metrics = "jixiao.survey.service-metrics.computed.v1";
        Map<String, List<String>> parked = Map.of( // service → original topic, type
                "indicator", List.of("jixiao.survey.events", metrics),
                "evaluation", List.of("jixiao.indicator.events", registered),
                "survey", List.of("jixiao.indicator.events", registered),
                "budget", List.of("jixiao.indicator.events", registered));
        parked.forEach((service, what) -> {
            String json = what.get(1).equals(registered)
                    ? EventSamples.with(registered, "code", code, "nameZh", "巡检遗留单位", "nameEn",
                            "Tour legacy unit")
                    : EventSamples.with(metrics, "subject", code); // a subject indicator-service does not have
            String id = EventSamples.park(bootstrap, "jixiao." + service + ".dlq", what.get(0), what.get(1), code,
                    json, UUID.randomUUID()).toString();
            String path = "/api/v1/ops/" + service + "/dead-letters";
            Map<String, Object>[] found = new Map[1];
            Eventually.until(service + "'s dead letter", Duration.ofSeconds(30), () -> {
                List<Map<String, Object>> items = as(admin()).get(path).then().statusCode(200).extract()
                        .path("items");
                found[0] = items.stream().filter(i -> id.equals(i.get("eventId"))).findFirst().orElse(null);
                return found[0] != null;
            });
            as(admin()).post(path + "/{p}/{o}/redrive", found[0].get("partition"), found[0].get("offset")).then()
                    .statusCode(200).body("outcome", equalTo("APPLIED"));
        });
    }

    /** An office of {@code a} moves to {@code b} for a year; the revision needs the version the admin read. */
    static void reorganisation(String a, String b) {
        String office = a + "U";
        as(admin()).body(Map.of("code", office, "nameZh", "巡检科室", "parentCode", a, "level", "UNIT"))
                .post("/api/v1/subjects").then().statusCode(201);
        String version = as(admin()).get("/api/v1/subjects/{c}", office).then().statusCode(200).extract()
                .header("ETag");
        as(admin()).header("If-Match", version).body(Map.of("nameZh", "巡检科室（划转）", "nameEn", "Tour office",
                "parentCode", b, "level", "UNIT", "activeFrom", "2041-01-01", "activeTo", "2041-12-31"))
                .put("/api/v1/subjects/{c}", office).then().statusCode(200)
                .body("parentCode", org.hamcrest.Matchers.equalTo(b));
        as(admin()).header("If-Match", version).body(Map.of("nameZh", "巡检科室", "parentCode", a, "level", "UNIT"))
                .put("/api/v1/subjects/{c}", office).then().statusCode(412);
        // the other services' copies can be brought up to date with every subject at once
        as(admin()).post("/api/v1/subjects/republish").then().statusCode(202)
                .body("published", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
    }

    static void strategyAndIndicators(String a) {
        String mission = a + "-M";
        as(admin()).body(Map.of("code", mission, "nameZh", "巡检使命", "statement", "让群众满意")).post("/api/v1/missions")
                .then().statusCode(201);
        as(admin()).body(Map.of("code", a + "-L", "mission", mission, "dimension", "LEARNING", "nameZh", "数字能力"))
                .post("/api/v1/objectives").then().statusCode(201);
        as(admin()).body(Map.of("code", a + "-P", "mission", mission, "dimension", "PUBLIC", "nameZh", "群众满意",
                "causes", List.of(a + "-L"))).post("/api/v1/objectives").then().statusCode(201);
        as(admin()).queryParam("mission", mission).get("/api/v1/objectives").then().statusCode(200);
        as(admin()).get("/api/v1/missions/{c}/graph", mission).then().statusCode(200);
        as(admin()).get("/api/v1/missions/{c}/tree", mission).then().statusCode(200);

        String indicator = a + "-SAT";
        Map<String, Object> definition = Map.of("code", indicator, "nameZh", "回访满意率", "dimension", "PUBLIC",
                "objective", a + "-P", "kind", "QUANTITATIVE", "unit", "%", "target", 95, "weight", 10,
                "satisfaction", true, "subjects", List.of(a));
        as(admin()).body(definition).post("/api/v1/indicators").then().statusCode(201);
        Map<String, Object> version = new java.util.HashMap<>(definition);
        version.remove("code");
        version.put("target", 97);
        version.put("validFrom", "2042");
        version.put("reason", "目标值提高");
        as(admin()).body(version).post("/api/v1/indicators/{c}/versions", indicator).then().statusCode(201);

        String etag = as(admin()).get("/api/v1/subjects/{c}/scorecards/{p}", a, YEAR).then().statusCode(200)
                .extract().header("ETag");
        as(admin()).header("If-Match", etag).body(Map.of("dimensionWeights", Map.of("POLITICAL", 20, "PUBLIC", 30,
                "FINANCIAL", 15, "PROCESS", 20, "LEARNING", 15), "greenThreshold", 85, "yellowThreshold", 60, "lines",
                List.of(Map.of("indicator", indicator, "weight", 10, "target", 96))))
                .put("/api/v1/subjects/{c}/scorecards/{p}", a, YEAR).then().statusCode(200);
        // a change to it needs a reason, and the scorecard's history keeps both configurations
        as(admin()).body(Map.of("dimensionWeights", Map.of("POLITICAL", 20, "PUBLIC", 30, "FINANCIAL", 15, "PROCESS",
                20, "LEARNING", 15), "greenThreshold", 90, "yellowThreshold", 60))
                .put("/api/v1/subjects/{c}/scorecards/{p}", a, YEAR).then().statusCode(422)
                .body("violations[0].field", equalTo("reason"));
        as(admin()).body(Map.of("dimensionWeights", Map.of("POLITICAL", 20, "PUBLIC", 30, "FINANCIAL", 15, "PROCESS",
                20, "LEARNING", 15), "greenThreshold", 90, "yellowThreshold", 60, "lines",
                List.of(Map.of("indicator",
                        indicator, "weight", 10, "target", 96)),
                "reason", "绿灯线提高到90分"))
                .put("/api/v1/subjects/{c}/scorecards/{p}", a, YEAR).then().statusCode(200);
        as(TestTokens.department(a)).get("/api/v1/subjects/{c}/scorecards/{p}/revisions", a, YEAR).then()
                .statusCode(200).body("totalItems", equalTo(2)).body("items[0].reason", equalTo("绿灯线提高到90分"))
                .body("items[0].greenThreshold", equalTo(90)).body("items[1].lines[0].target", equalTo(96));

        as(TestTokens.department(a)).body(Map.of("values", List.of(Map.of("subject", a, "indicator", indicator,
                "period", "2040", "value", 90)))).post("/api/v1/values/bulk").then().statusCode(200);
        // the periods it has scorecards in, the latest first
        as(TestTokens.department(a)).get("/api/v1/periods").then().statusCode(200)
                .body("period", hasItem("2040")).body("scorecards", everyItem(equalTo(1)));
        // above 99 on a satisfaction indicator: held as SUSPICIOUS_HIGH until the office accepts it
        Number flag = as(TestTokens.department(a)).body(Map.of("subject", a, "indicator", indicator, "period", YEAR,
                "value", 99.5)).post("/api/v1/values").then().statusCode(201).extract().path("flags[0].id");
        as(admin()).get("/api/v1/quality/flags/{id}", flag).then().statusCode(200);
        as(admin()).body(Map.of("decision", "ACCEPT", "note", "经核实，数据真实"))
                .post("/api/v1/quality/flags/{id}/review", flag).then().statusCode(200);
    }

    static void budget(String a) {
        as(TestTokens.finance()).body(Map.of("gradeAdjustment", Map.of("EXCELLENT", 10, "GOOD", 0, "PASS", -10,
                "FAIL", -30), "excellentCeiling", 20, "cancelAfterFailYears", 2, "politicalThreshold", 60,
                "politicalPenalty", -10, "livelihoodMaxCut", 10)).post("/api/v1/budget/rules/{y}", YEAR).then()
                .statusCode(201);
        String project = ThinSliceIT.until(201, WAIT, () -> as(TestTokens.finance()).body(Map.of("subject", a,
                "fiscalYear", Integer.parseInt(YEAR), "category", "GENERAL", "name", "巡检项目", "approvedAmount",
                1_000_000))
                .post("/api/v1/budget/projects")).path("id");
        as(TestTokens.finance()).body(List.of(Map.of("project", project, "amount", 1000, "spentOn", YEAR + "-02-01",
                "note", "首笔款"))).post("/api/v1/budget/executions/import").then().statusCode(200);
        // as of the autumn, 0.1% spent: red, and a disposal task for the finance bureau
        String asOf = YEAR + "-10-01";
        as(TestTokens.finance()).queryParam("year", YEAR).queryParam("asOf", asOf)
                .post("/api/v1/budget/monitoring/run").then().statusCode(200);
        as(TestTokens.finance()).queryParam("year", YEAR).queryParam("asOf", asOf).get("/api/v1/budget/monitoring")
                .then().statusCode(200);
        as(TestTokens.department(a)).queryParam("year", YEAR).queryParam("asOf", asOf)
                .get("/api/v1/budget/views/matrix").then().statusCode(200).body("counts.NOT_JUDGED", equalTo(1))
                .body("quadrants.NOT_JUDGED.items[0].subject", equalTo(a));
        as(TestTokens.finance()).queryParam("year", YEAR).queryParam("asOf", asOf).get("/api/v1/budget/views/matrix")
                .then().statusCode(200);
        as(TestTokens.department(a)).queryParam("year", YEAR).queryParam("asOf", asOf)
                .get("/api/v1/budget/views/warnings").then().statusCode(200).body("red.totalItems", equalTo(1))
                .body("openTasks.items[0].subject", equalTo(a));
        as(TestTokens.finance()).queryParam("year", YEAR).queryParam("asOf", asOf)
                .get("/api/v1/budget/views/departments/{c}", a).then().statusCode(200);
        String task = as(TestTokens.finance()).queryParam("subject", a).get("/api/v1/budget/disposals").then()
                .statusCode(200).extract().path("items[0].id");
        as(TestTokens.finance()).body(Map.of("action", "RECTIFY", "note", "已约谈项目单位"))
                .post("/api/v1/budget/disposals/{id}/close", task).then().statusCode(200);
        as(TestTokens.finance()).queryParam("basedOnYear", YEAR).post("/api/v1/budget/proposals/recompute").then()
                .statusCode(200);
        as(TestTokens.finance()).body(Map.of("name", "智慧教育平台二期", "initialCost", 3_000_000, "discountRate", 0.05,
                "years", List.of(Map.of("year", 1, "cost", 200_000, "benefit", 1_200_000), Map.of("year", 2, "cost",
                        200_000, "benefit", 1_500_000)),
                "requestedAmount", 3_000_000))
                .post("/api/v1/budget/ex-ante").then().statusCode(200);
    }

    static void evaluation(String a, String b) {
        String cycle = ThinSliceIT.until(201, WAIT, () -> as(admin()).body(Map.of("name", "巡检考评", "period", YEAR,
                "subjects", List.of(a, b))).post("/api/v1/cycles")).path("id");
        as(admin()).body(Map.of("assignments", List.of(Map.of("party", "SUPERIOR", "evaluator", "tour-sup", "subject",
                a), Map.of("party", "SUPERIOR", "evaluator", "tour-sup", "subject", b))))
                .post("/api/v1/cycles/{id}/assignments", cycle).then().statusCode(200);
        as(admin()).post("/api/v1/cycles/{id}/open", cycle).then().statusCode(200);
        // the periods with cycles a department is evaluated in, the latest first
        as(TestTokens.department(a)).queryParam("subject", a).get("/api/v1/cycles/periods").then().statusCode(200)
                .body("period", equalTo(List.of(YEAR))).body("cycles", equalTo(List.of(1)));
        String rating = as(TestTokens.superior("tour-sup")).header("Idempotency-Key",
                "tour-" + a).body(
                        Map.of("ratings", List.of(
                                Map.of("subject", a, "party", "SUPERIOR", "criteria",
                                        List.of(Map.of("code", "GOAL_ACHIEVEMENT",
                                                "score", 80))),
                                Map.of("subject", b, "party", "SUPERIOR", "criteria",
                                        List.of(Map.of("code", "GOAL_ACHIEVEMENT",
                                                "score", 70))))))
                .post("/api/v1/cycles/{id}/ratings/bulk", cycle).then().statusCode(200)
                .extract().path("accepted[0].rating");
        // what the superior has given, for its rating form
        as(TestTokens.superior("tour-sup")).get("/api/v1/cycles/{id}/ratings", cycle).then().statusCode(200)
                .body("totalItems", equalTo(2)).body("items.party", everyItem(equalTo("SUPERIOR")));
        // the office's view before it closes the cycle: every assigned rating given
        as(admin()).get("/api/v1/cycles/{id}/progress", cycle).then().statusCode(200)
                .body("parties[0].assigned", equalTo(2)).body("parties[0].rated", equalTo(2))
                .body("pending.totalItems", equalTo(0));
        for (String step : List.of("close", "finalize", "publish")) {
            as(admin()).post("/api/v1/cycles/{id}/" + step, cycle).then().statusCode(200);
        }
        String accepted = as(TestTokens.department(a)).body(Map.of("reason", "第四季度重点任务未计入"))
                .post("/api/v1/cycles/{id}/appeals", cycle).then().statusCode(201).extract().path("id");
        as(admin()).body(Map.of("note", "核实后上调", "ratings", List.of(Map.of("rating", rating, "criteria",
                List.of(Map.of("code", "GOAL_ACHIEVEMENT", "score", 90))))))
                .post("/api/v1/cycles/{id}/appeals/{ap}/accept", cycle, accepted).then().statusCode(200);
        String rejected = as(TestTokens.department(b)).body(Map.of("reason", "评分偏低"))
                .post("/api/v1/cycles/{id}/appeals", cycle).then().statusCode(201).extract().path("id");
        as(admin()).body(Map.of("note", "维持原结果")).post("/api/v1/cycles/{id}/appeals/{ap}/reject", cycle, rejected)
                .then().statusCode(200);
    }

    static void surveysAndReviews(String a) {
        Map<String, Object> form = Map.of("subject", a, "period", YEAR, "titleZh", "巡检问卷", "groupWeights",
                Map.of("CITIZEN", 100), "questions", List.of(Map.of("code", "q1", "group", "CITIZEN", "type",
                        "LIKERT5", "textZh", "满意吗？", "textEn", "Satisfied?", "required", true)));
        String survey = ThinSliceIT.until(201, WAIT, () -> as(admin()).body(form).post("/api/v1/surveys")).path("id");
        Map<String, Object> revised = new java.util.HashMap<>(form);
        revised.remove("subject");
        revised.remove("period");
        revised.put("titleEn", "Tour survey");
        String etag = as(admin()).get("/api/v1/surveys/{id}", survey).then().statusCode(200).extract().header("ETag");
        as(admin()).header("If-Match", etag).body(revised).put("/api/v1/surveys/{id}", survey).then().statusCode(200);
        as(admin()).post("/api/v1/surveys/{id}/open", survey).then().statusCode(200);
        // answered in 0.4 s: held as automation until the office counts it
        String held = given().contentType(ContentType.JSON).body(Map.of("group", "CITIZEN", "answers",
                List.of(Map.of("question", "q1", "value", 5)), "durationMs", 400))
                .post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(201).extract().path("id");
        as(admin()).body(Map.of("decision", "COUNT")).post("/api/v1/surveys/{id}/responses/{r}/review", survey, held)
                .then().statusCode(200).body("status", equalTo("COUNTED"));
        ThinSliceIT.until(WAIT, () -> as(admin()).queryParam("period", YEAR)
                .get("/api/v1/subjects/{c}/satisfaction", a), r -> r.statusCode() == 200);

        String hall = TestTokens.system("service-hall");
        Response bad = ThinSliceIT.until(201, WAIT, () -> as(hall).body(Map.of("caseNo", a + "-0001", "subject", a,
                "serviceItem", "企业开办", "level", "VERY_DISSATISFIED", "comment", "材料被退回三次"))
                .post("/api/v1/reviews"));
        String review = bad.path("id");
        String rectification = bad.path("rectification.id");
        String month = java.time.YearMonth.now(java.time.ZoneOffset.ofHours(8)).toString();
        as(admin()).queryParam("subject", a).queryParam("month", month).get("/api/v1/reviews").then().statusCode(200);
        as(admin()).get("/api/v1/reviews/{id}", review).then().statusCode(200);
        as(TestTokens.department(a)).get("/api/v1/rectifications/{id}", rectification).then().statusCode(200);
        as(TestTokens.department(a)).get("/api/v1/reviews/{id}/rectification", review).then().statusCode(200)
                .body("id", equalTo(rectification));
        as(TestTokens.department(a)).body(Map.of("answer", "已一次性告知材料清单"))
                .post("/api/v1/rectifications/{id}/answer", rectification).then().statusCode(200);
        as(TestTokens.department(a)).body(Map.of("answer", "已一次性告知材料清单，并安排专人上门回访"))
                .post("/api/v1/reviews/{id}/rectification/answer", review).then().statusCode(200)
                .body("answerRevisions", equalTo(2));
        as(admin()).get("/api/v1/rectifications/{id}/answers", rectification).then().statusCode(200)
                .body("revision", equalTo(List.of(1, 2)));
        as(admin()).get("/api/v1/reviews/{id}/rectification/answers", review).then().statusCode(200);
        as(admin()).body(Map.of("note", "整改到位，予以办结")).post("/api/v1/rectifications/{id}/close", rectification)
                .then().statusCode(200);
        String second = as(hall).body(Map.of("caseNo", a + "-0003", "subject", a, "level", "DISSATISFIED",
                "comment", "窗口午间无人")).post("/api/v1/reviews").then().statusCode(201).extract().path("id");
        as(TestTokens.department(a)).body(Map.of("answer", "午间已安排轮岗"))
                .post("/api/v1/reviews/{id}/rectification/answer", second).then().statusCode(200);
        as(TestTokens.department(a)).body(Map.of("note", "回访满意"))
                .post("/api/v1/reviews/{id}/rectification/close", second).then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        String mistaken = as(hall).body(Map.of("caseNo", a + "-0002", "subject", a, "level", "DISSATISFIED"))
                .post("/api/v1/reviews").then().statusCode(201).extract().path("id");
        as(admin()).body(Map.of("reason", "MISTAKEN", "note", "评价对象有误")).post("/api/v1/reviews/{id}/void", mistaken)
                .then().statusCode(200);
        as(admin()).queryParam("subject", a).queryParam("month", month).get("/api/v1/reviews/metrics").then()
                .statusCode(200);
    }
}
