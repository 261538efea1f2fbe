package io.jixiao.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.jixiao.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;

/**
 * The reference portal at / in headless Chromium: an admin signs in through the demo issuer, opens the league table of
 * a published cycle, a department's page with its five-dimension radar, sees a live update arrive when the department
 * reports a value, switches to English; a department signed in alone cannot open another's page. Screenshots go to
 * target/screenshots; the time to an interactive department page is printed (measured in the browser, not asserted).
 */
class PortalIT {

    static final String PERIOD = "2024";
    static final String[] DIMS = {"POLITICAL", "PUBLIC", "FINANCIAL", "PROCESS", "LEARNING"};
    static WebDriver browser;
    static String a;
    static String b;
    static String survey;
    /** The due date of the water authority's overdue bad-review case. */
    static String overdueCaseDue;
    /** The year's evaluation of both departments, and a special one of the water authority alone. */
    static String yearCycle;
    static String specialCycle;
    /** The parks bureau's 2023 evaluation, left open. */
    static String parksCycle;

    @BeforeAll
    static void start() throws IOException {
        Suite.atGateway();
        long n = System.nanoTime() % 100000;
        a = "PWATER" + n;
        b = "PPARK" + n;
        city(n);
        browser = Chromium.start(1280, 900, "zh-CN");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * Two departments, five indicators of their own, two years of values, a published 2024 cycle, a budget. The
     * numbers are chosen so that rounding shows: the water authority's 2024 learning value 93.675 makes its total
     * 85.935 (85.94 as shown, 85.9 to one decimal) and its composite 88.4675; the parks survey's index is 79.315, which
     * rounds half-up to 79.32 where a JavaScript toFixed would show 79.31.
     */
    static void city(long n) {
        String admin = TestTokens.admin();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", a, "nameZh", "市水务局", "nameEn", "Water Authority", "level", "DEPARTMENT"))
                .post("/api/v1/subjects").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", b, "nameZh", "市园林局", "nameEn", "Parks Bureau", "level", "DEPARTMENT"))
                .post("/api/v1/subjects").then().statusCode(201);
        for (String dim : DIMS) {
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("code", "PT" + n + "-" + dim, "nameZh", "门户测试指标" + dim, "dimension", dim, "kind",
                            "QUANTITATIVE", "polarity", "HIGHER_BETTER", "unit", "%", "target", 100, "weight", 10,
                            "subjects", List.of(a, b)))
                    .post("/api/v1/indicators").then().statusCode(201);
        }
        int k = 0;
        for (String year : List.of("2023", PERIOD)) {
            for (String s : List.of(a, b)) {
                for (String dim : DIMS) {
                    Number value = (s.equals(a) ? 70 : 55) + (year.equals(PERIOD) ? 8 : 0) + (k++ % 5) * 4;
                    if (s.equals(a) && year.equals(PERIOD) && dim.equals("LEARNING")) {
                        value = new BigDecimal("93.675"); // instead of 94
                    }
                    report(s, "PT" + n + "-" + dim, year, value);
                }
            }
        }
        String cycle = yearCycle = openCycle("2024年度门户测试考评", PERIOD, List.of(a, b), "mayor");
        // the water authority's scorecard total has reached the cycle: SUPERIOR = 0.5 × 85.935 + 0.5 × 91 once rated
        ThinSliceIT.until(Duration.ofSeconds(30), () -> given().auth().oauth2(admin)
                .get("/api/v1/cycles/{id}/results/{s}", cycle, a),
                r -> {
                    if (r.statusCode() != 200) {
                        return false;
                    }
                    BigDecimal superior = r.jsonPath(JsonPathConfig.jsonPathConfig().numberReturnType(
                            JsonPathConfig.NumberReturnType.BIG_DECIMAL)).getObject(
                                    "parties.find { it.party == 'SUPERIOR' }.score", BigDecimal.class);
                    return superior != null && superior.compareTo(new BigDecimal("85.935")) == 0;
                });
        for (String s : List.of(a, b)) {
            given().auth().oauth2(TestTokens.superior("mayor")).contentType(ContentType.JSON)
                    .body(Map.of("subject", s, "party", "SUPERIOR", "criteria",
                            List.of(Map.of("code", "GOAL_ACHIEVEMENT", "score", s.equals(a) ? 91 : 62))))
                    .post("/api/v1/cycles/{id}/ratings", cycle).then().statusCode(201);
        }
        for (String action : List.of("close", "finalize", "publish")) {
            given().auth().oauth2(admin).post("/api/v1/cycles/{id}/" + action, cycle).then().statusCode(200);
        }
        // a special evaluation of the water authority alone, published after the year's: the year's evaluation of
        // both departments still speaks for the year (the newer special one did, being as far on)
        specialCycle = openCycle("2024年度供水专项考评", PERIOD, List.of(a), "mayor");
        for (String action : List.of("close", "finalize", "publish")) {
            given().auth().oauth2(admin).post("/api/v1/cycles/{id}/" + action, specialCycle).then().statusCode(200);
        }
        // an evaluation of the parks bureau in 2023, open and not published: its results are not the department's yet
        parksCycle = openCycle("2023年度园林考评", "2023", List.of(b), "mayor");
        // the parks bureau's survey of the year: citizens 5 and 4 (100, 75), an enterprise 4 (75), weighted
        // 34.52:65.48: index 0.3452 × 87.5 + 0.6548 × 75 = 79.315, standard error 0.3452 × 12.5 = 4.315, interval
        // 79.315 ± 8.4574
        survey = ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("subject", b, "period", PERIOD, "titleZh", "公园服务满意度调查", "titleEn",
                        "Park services survey", "groupWeights", Map.of("CITIZEN", new BigDecimal("34.52"), "ENTERPRISE",
                                new BigDecimal("65.48")),
                        "questions",
                        List.of(Map.of("code", "q1", "group", "CITIZEN", "type", "LIKERT5", "textZh", "您对公园服务满意吗？",
                                "required", true),
                                Map.of("code", "e1", "group", "ENTERPRISE", "type", "LIKERT5", "textZh", "您对审批服务满意吗？",
                                        "required", true))))
                .post("/api/v1/surveys")).path("id");
        given().auth().oauth2(admin).post("/api/v1/surveys/{id}/open", survey).then().statusCode(200);
        int device = 0;
        for (Object[] answer : new Object[][]{{"CITIZEN", "q1", 5}, {"CITIZEN", "q1", 4}, {"ENTERPRISE", "e1", 4}}) {
            given().header("User-Agent", "portal-test-device-" + device++).contentType(ContentType.JSON)
                    .body(Map.of("group", answer[0], "answers", List.of(Map.of("question", answer[1], "value",
                            answer[2])), "durationMs", 30000))
                    .post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(201);
        }
        ThinSliceIT.until(Duration.ofSeconds(30), () -> given().auth().oauth2(admin)
                .get("/api/v1/subjects/{s}/satisfaction?period=" + PERIOD, b),
                r -> r.statusCode() == 200 && Integer.valueOf(3).equals(r.path("n")));
        ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(TestTokens.finance())
                .contentType(ContentType.JSON)
                .body("{\"subject\":\"" + a + "\",\"fiscalYear\":" + PERIOD + ",\"category\":\"GENERAL\","
                        + "\"name\":\"供水管网改造\",\"approvedAmount\":2000000.50}")
                .post("/api/v1/budget/projects"));
        // a citizen's bad review of the water authority's service hall, 40 days ago: a rectification case for it to
        // answer, past its due date of 15 working days
        overdueCaseDue = ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth()
                .oauth2(TestTokens.system("service-hall")).contentType(ContentType.JSON)
                .body(Map.of("caseNo", "SW-" + a + "-0001", "subject", a, "serviceItem", "用水报装", "level",
                        "DISSATISFIED", "comment", "现场勘查预约等了两周", "ratedAt",
                        java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).minusDays(40).toString()))
                .post("/api/v1/reviews")).path("rectification.dueDate");
        // the year's monitoring as of today: nothing spent of the water authority's project, so it is red and opens a
        // disposal task for finance
        given().auth().oauth2(TestTokens.finance()).queryParam("year", PERIOD).post("/api/v1/budget/monitoring/run")
                .then().statusCode(200);
        // the water authority's 2024 scorecard configured twice, the weights as they were (its total stays 85.935):
        // first as set up, then with a lower green line and a reason
        Map<String, Object> weights = Map.of("POLITICAL", 20, "PUBLIC", 20, "FINANCIAL", 20, "PROCESS", 20,
                "LEARNING", 20);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("dimensionWeights", weights))
                .put("/api/v1/subjects/{s}/scorecards/{p}", a, PERIOD).then().statusCode(200)
                .header("ETag", equalTo("\"1\""));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("dimensionWeights", weights,
                "greenThreshold", 85, "yellowThreshold", 60, "reason", "绿灯线下调至85分（市考核办2024年第3号通知）"))
                .put("/api/v1/subjects/{s}/scorecards/{p}", a, PERIOD).then().statusCode(200)
                .body("shownTotal", equalTo(85.94f));
        // the parks bureau's, six times: more than its page shows
        for (int i = 0; i < 6; i++) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("dimensionWeights", weights,
                    "greenThreshold", 90 - i, "reason", "第" + i + "次调整"))
                    .put("/api/v1/subjects/{s}/scorecards/{p}", b, PERIOD).then().statusCode(200);
        }
    }

    /**
     * An evaluation cycle of the subjects (a minimum public sample of 3), each assigned to {@code superior} as its
     * SUPERIOR, opened: its id. Created once evaluation-service knows the subjects (they reach it by event).
     */
    static String openCycle(String name, String period, List<String> subjects, String superior) {
        String admin = TestTokens.admin();
        String cycle = ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(admin)
                .contentType(ContentType.JSON).body(Map.of("name", name, "period", period, "subjects", subjects,
                        "minPublicSample", 3))
                .post("/api/v1/cycles")).path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("assignments", subjects.stream().map(s -> Map.of("party", "SUPERIOR", "evaluator",
                        superior, "subject", s)).toList()))
                .post("/api/v1/cycles/{id}/assignments", cycle).then().statusCode(200);
        given().auth().oauth2(admin).post("/api/v1/cycles/{id}/open", cycle).then().statusCode(200);
        return cycle;
    }

    /** A department of this run registered by the office: its code is the prefix and the run's number. */
    static String department(String prefix, String nameZh, String nameEn) {
        String code = prefix + a.substring(6);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("code", code, "nameZh",
                nameZh, "nameEn", nameEn, "level", "DEPARTMENT")).post("/api/v1/subjects").then().statusCode(201);
        return code;
    }

    /** A subject's composite in a cycle, as the service answers it, exactly. */
    static BigDecimal composite(String cycle, String subject) {
        return given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}/results/{s}", cycle, subject).then()
                .statusCode(200).extract().jsonPath(JsonPathConfig.jsonPathConfig().numberReturnType(
                        JsonPathConfig.NumberReturnType.BIG_DECIMAL))
                .getObject("composite", BigDecimal.class);
    }

    /** The text of a table row's cells, counted from 1. */
    static List<String> cells(WebElement row, int... columns) {
        return Arrays.stream(columns)
                .mapToObj(i -> row.findElement(By.cssSelector("td:nth-child(" + i + ")")).getText()).toList();
    }

    static void report(String subject, String indicator, String period, Number value) {
        given().auth().oauth2(TestTokens.department(subject)).contentType(ContentType.JSON)
                .body(Map.of("subject", subject, "indicator", indicator, "period", period, "value", value))
                .post("/api/v1/values").then().statusCode(201);
    }

    @Test
    void anAdminSignsInReadsTheLeagueOpensADepartmentAndSeesALiveUpdate() throws IOException {
        Chromium.consoleErrors(browser); // what the other tests left there
        browser.get(RestAssured.baseURI + "/");
        signInAs("admin", null);
        ready("league");
        assertTrue(!browser.getCurrentUrl().contains("code="), "the code leaves the address bar: "
                + browser.getCurrentUrl());
        new Select(browser.findElement(By.id("period"))).selectByValue(PERIOD);
        waiting().until(d -> d.findElements(By.cssSelector("#league tbody tr")).size() >= 2);
        ready("league");
        List<WebElement> rows = browser.findElements(By.cssSelector("#league tbody tr"));
        assertEquals(a, rows.get(0).getAttribute("data-subject"), "the better department ranks first");
        assertTrue(rows.get(0).getText().contains("市水务局"), rows.get(0).getText());
        // the composite 88.4675 as the office decides on it, half-up to 2 decimals (88.5 before); the cycle's state
        // in the page's language
        assertEquals("88.47", rows.get(0).findElement(By.cssSelector("td:nth-child(3)")).getText());
        assertEquals("40%", rows.get(0).findElement(By.cssSelector("td:nth-child(6)")).getText());
        assertTrue(browser.findElement(By.id("league-card")).getText().contains("2024年度门户测试考评 · 结果已公布"),
                browser.findElement(By.id("league-card")).getText());
        assertTrue(browser.findElements(By.cssSelector("#league .grade")).size() >= 2, "grades shown");
        // the scorecard ranking beside it, a bar per department, and the whole table as a workbook
        List<String> ranked = browser.findElements(By.cssSelector("#scorecard-league tbody tr")).stream()
                .map(tr -> tr.getAttribute("data-subject")).toList();
        assertTrue(ranked.indexOf(a) >= 0 && ranked.indexOf(a) < ranked.indexOf(b), "ranked by total: " + ranked);
        WebElement ours = browser.findElement(By.cssSelector("#scorecard-league tr[data-subject='" + a + "']"));
        assertTrue(ours.getText().endsWith("市水务局 85.94 良好"), ours.getText());
        assertEquals("85.94", ours.findElement(By.tagName("meter")).getAttribute("value"));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.__saved = []; const blob = URL.createObjectURL;"
                + " URL.createObjectURL = b => { window.__saved.push(b.type + ' ' + (b.size > 1000)); return blob(b); };"
                + " HTMLAnchorElement.prototype.click = function () { window.__saved.push(this.download); };");
        browser.findElement(By.id("league-xlsx")).click();
        waiting().until(d -> ((List<?>) js.executeScript("return window.__saved")).size() == 2);
        assertEquals(List.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet true",
                "league-" + PERIOD + ".xlsx"), js.executeScript("return window.__saved"));
        assertEquals("", browser.findElement(By.id("xlsx-error")).getText());
        assertTrue(browser.findElements(By.id("league-head")).isEmpty(), "the whole table fits its first page");
        // the year's warnings: the water authority's project, nothing spent of it in 2024, is red
        String red = browser.findElements(By.cssSelector("#red-projects li")).stream().map(WebElement::getText)
                .filter(x -> x.contains("供水管网改造")).findFirst().orElse("no red project in "
                        + browser.findElement(By.id("warnings")).getText());
        // (the office may dispose of it there: its form follows the line)
        assertEquals("红灯 市水务局 · 供水管网改造 · 执行率 0.00% · 待处置", red.split("\n")[0]);
        // and its overdue bad-review case, by case number and item
        assertTrue(browser.findElements(By.cssSelector("#overdue li")).stream().map(WebElement::getText).toList()
                .contains("市水务局 · SW-" + a + "-0001 · 用水报装 · 期限 " + overdueCaseDue),
                browser.findElement(By.id("warnings")).getText());
        assertEquals(true,
                ((JavascriptExecutor) browser).executeScript("const c = document.getElementById('league-card');"
                        + " return c.scrollWidth <= c.clientWidth;"),
                "every column of the ranking in view, no sideways scroll");
        // the read model behind it: the head of the cycle's paged league table, with the table's size
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/portal/league?period=" + PERIOD).then()
                .statusCode(200).body("panels.evaluation.data.results.subject", equalTo(List.of(a, b)))
                .body("panels.evaluation.data.totalResults", equalTo(2))
                .body("panels.evaluation.data.cycle.status", equalTo("PUBLISHED"))
                // the names of exactly the subjects the results name, not the first page of every subject
                .body("panels.subjects.data.items.code", equalTo(List.of(b, a)))
                .body("panels.subjects.data.items.nameEn", equalTo(List.of("Parks Bureau", "Water Authority")));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/portal/warnings?period=" + PERIOD).then()
                .statusCode(200).body("panels.subjects.data.items.code", hasItem(a));
        assertEquals(List.of(), Chromium.consoleErrors(browser), "signed in and the league drawn without an error in"
                + " the console");
        Chromium.shot(browser, "portal-league-zh");

        // the year has a second cycle, the water authority's special one: the league offers both, the year's first,
        // and shows the special one's table when it is picked
        Select picker = new Select(browser.findElement(By.id("cycle-pick")));
        assertEquals(List.of(yearCycle, specialCycle),
                picker.getOptions().stream().map(o -> o.getAttribute("value")).toList());
        assertEquals("2024年度门户测试考评 · 结果已公布 · 2个部门", picker.getFirstSelectedOption().getText());
        picker.selectByValue(specialCycle);
        waiting().until(d -> d.getCurrentUrl().contains("cycle=" + specialCycle)
                && d.findElements(By.cssSelector("#league tbody tr")).size() == 1);
        assertEquals(a, browser.findElement(By.cssSelector("#league tbody tr")).getAttribute("data-subject"));
        assertEquals("2024年度供水专项考评 · 结果已公布 · 1个部门",
                new Select(browser.findElement(By.id("cycle-pick"))).getFirstSelectedOption().getText());
        Chromium.shot(browser, "portal-league-special-cycle");
        new Select(browser.findElement(By.id("cycle-pick"))).selectByValue(yearCycle);
        waiting().until(d -> d.findElements(By.cssSelector("#league tbody tr")).size() == 2);
        // the read model behind the picker: a cycle of the year by id; one that is not the year's has no table
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/portal/league?period=" + PERIOD + "&cycle="
                + specialCycle).then().statusCode(200)
                .body("panels.evaluation.data.cycle.id", equalTo(specialCycle))
                .body("panels.evaluation.data.results.subject", equalTo(List.of(a)))
                .body("panels.evaluation.data.cycles.id", equalTo(List.of(yearCycle, specialCycle)))
                .body("panels.evaluation.data.cycles.subjects", equalTo(List.of(2, 1)));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/portal/league?period=2023&cycle=" + specialCycle)
                .then().statusCode(200).body("panels.evaluation.status", equalTo("NOT_FOUND"));

        browser.findElement(By.cssSelector("#league tbody tr[data-subject='" + a + "']")).click();
        ready("dept");
        assertTrue(browser.findElement(By.id("dept-title")).getText().startsWith("市水务局"));
        waiting().until(d -> !d.findElements(By.cssSelector("#radar canvas")).isEmpty());
        assertEquals(5, browser.findElements(By.cssSelector("#lines tbody tr")).size(), "five indicator lines");
        WebElement firstLine = browser.findElement(By.cssSelector("#lines tbody tr td"));
        assertTrue(firstLine.getText().startsWith("门户测试指标"), "lines show indicator names: " + firstLine.getText());
        String firstCode = firstLine.getAttribute("title");
        assertTrue(firstCode.startsWith("PT"), "the code stays on the line: " + firstCode);
        assertTrue(browser.findElement(By.id("parties")).getText().contains("上级"), "the 360 breakdown");
        // its bad-review case: what it answers, its state and due date, and what the citizen said
        List<WebElement> cases = browser.findElements(By.cssSelector("#cases li"));
        assertEquals(1, cases.size(), browser.findElement(By.id("rectifications")).getText());
        assertEquals("SW-" + a + "-0001 · 用水报装 · 不满意\n待答复 · 期限 " + overdueCaseDue + " !\n“现场勘查预约等了两周”",
                cases.get(0).getText());
        // the department's projects, each with its figures, and the disposal its red light opened
        List<WebElement> projects = browser.findElements(By.cssSelector("#budget-projects tbody tr"));
        assertEquals(1, projects.size(), "budget panel: " + browser.findElement(By.id("budget")).getText());
        assertEquals(List.of("供水管网改造", "2,000,000.50", "0.00%", "—", "红灯 · 待处置"),
                cells(projects.get(0), 1, 2, 3, 4, 5));
        assertEquals("批复 2,000,000.50 · 已执行 0.00", browser.findElement(By.id("budget-sums")).getText(),
                "yuan to the fen");
        assertTrue(browser.findElement(By.id("satisfaction")).getText().contains("本期暂无数据"),
                "no survey: an empty panel, not an error");
        // the scorecard's configuration history, the newest first: who changed it, why, and the total either side
        List<WebElement> changes = browser.findElements(By.cssSelector("#history tbody tr"));
        assertEquals(List.of("2", "1"), changes.stream().map(r -> r.getAttribute("data-revision")).toList());
        assertEquals(List.of("2", "admin-1", "绿灯线下调至85分（市考核办2024年第3号通知）", "85.94 → 85.94"),
                cells(changes.get(0), 1, 3, 4, 5));
        assertEquals(List.of("1", "admin-1", "首次配置", "85.94 → 85.94"), cells(changes.get(1), 1, 3, 4, 5));
        // the total as shown and as graded (85.935 → 85.94), its change against last year's 78.00 shown as the
        // difference of the two numbers on the page, and each dimension as the service rounds it (93.675 → 93.68)
        // with last year's and the change between the two shown
        assertEquals("85.94", browser.findElement(By.id("total")).getText());
        assertEquals("▲7.94", browser.findElement(By.id("change")).getText());
        assertEquals(List.of("2024", "上年", "同比"), browser.findElements(By.cssSelector(".dims thead th")).stream()
                .skip(1).map(WebElement::getText).toList());
        assertEquals(List.of("POLITICAL 78.00 70.00 ▲8.00", "PUBLIC 82.00 74.00 ▲8.00", "FINANCIAL 86.00 78.00 ▲8.00",
                "PROCESS 90.00 82.00 ▲8.00", "LEARNING 93.68 86.00 ▲7.68"),
                browser.findElements(By.cssSelector(".dims tbody tr")).stream()
                        .map(r -> r.getAttribute("data-dimension") + " " + String.join(" ", cells(r, 2, 3, 4)))
                        .toList());
        assertTrue(browser.findElement(By.id("parties")).getText().contains("上级 40 88.47 1 0"),
                browser.findElement(By.id("parties")).getText());
        String before = browser.findElement(By.id("total")).getText();

        // the page as a user opens it: a full load of the department page until it is drawn and interactive
        browser.navigate().refresh();
        ready("dept");
        Object ms = ((JavascriptExecutor) browser).executeScript(
                "return Math.round(performance.now());");
        System.out.printf("PORTAL department page interactive after %s ms (full load, test data, 2 cores)%n", ms);
        Chromium.shot(browser, "portal-department-zh");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()",
                browser.findElement(By.id("scorecard-history")));
        Chromium.shot(browser, "portal-department-history");

        // a live update: the department corrects a value; the scorecard event reaches the page over SSE
        waiting().until(d -> d.findElement(By.id("live-state")).getText().contains("已连接"));
        given().auth().oauth2(TestTokens.department(a)).contentType(ContentType.JSON)
                .body(Map.of("subject", a, "indicator", firstCode, "period", PERIOD, "value", 20, "correctionReason",
                        "更正：口径调整"))
                .post("/api/v1/values").then().statusCode(201);
        waiting(30).until(d -> !d.findElements(By.cssSelector("#live-feed li[data-subject='" + a + "']")).isEmpty());
        // the page redraws itself on the update: an element read mid-redraw is stale, and read again
        waiting(15).until(d -> !d.findElement(By.id("total")).getText().equals(before));
        Chromium.shot(browser, "portal-live-update");

        browser.findElement(By.id("lang")).click();
        waiting().until(d -> d.findElement(By.id("dept-title")).getText().startsWith("Water Authority"));
        // the update that arrived in Chinese is told again in English: the kind of update, its grade
        String update = browser.findElement(By.cssSelector("#live-feed li[data-kind='scorecard'][data-subject='" + a
                + "']")).getText();
        assertTrue(update.contains("Scorecard 72.74 Pass"), update);
        Chromium.shot(browser, "portal-department-en");
        browser.findElement(By.id("lang")).click();
        // the parks bureau's 2023 cycle is open: the office sees its rating progress, and who has not rated yet
        browser.get(RestAssured.baseURI + "/#/league?period=2023");
        ready("league");
        WebElement progress = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("progress")));
        assertEquals("上级 0/1",
                progress.findElement(By.cssSelector(".party-progress[data-party='SUPERIOR']")).getText());
        progress.findElement(By.tagName("summary")).click();
        assertEquals(List.of("上级 · mayor → 市园林局"), progress.findElements(By.cssSelector("#pending li")).stream()
                .map(WebElement::getText).toList());
        browser.findElement(By.id("logout")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-start")));
        assertEquals(0, browser.findElements(By.cssSelector("#live-feed li")).size(),
                "what the office was shown is not left at the browser for whoever signs in next");
    }

    @Test
    void aDepartmentSignedInAloneCannotOpenAnothersPage() throws IOException {
        browser.get(RestAssured.baseURI + "/#/login");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        // cancelled at the issuer: back on the portal, told so, not signed in
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("login-start"))).click();
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("login-cancel"))).click();
        waiting().until(d -> d.findElement(By.id("login-error")).getText().contains("已取消登录"));
        assertEquals(null, ((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('jx.token')"));
        signInAs("department", b);
        ready("dept");
        assertTrue(browser.findElement(By.id("dept-title")).getText().startsWith("市园林局"));
        // the page opens on the latest year of its own data (2024), not on the calendar's: the years it has data in
        // are its scorecards' and its cycles', not other departments'
        given().auth().oauth2(TestTokens.department(b)).get("/api/v1/portal/years").then().statusCode(200)
                .body("years", equalTo(List.of(2024, 2023))).body("latest", equalTo(2024))
                .body("panels.scorecards.status", equalTo("OK")).body("panels.evaluation.status", equalTo("OK"))
                .body("panels.evaluation.data.period", equalTo(List.of(PERIOD, "2023")))
                .body("panels.evaluation.data.cycles", equalTo(List.of(1, 1)));
        waiting().until(d -> PERIOD.equals(new Select(d.findElement(By.id("period"))).getFirstSelectedOption()
                .getAttribute("value")));
        assertTrue(browser.getCurrentUrl().endsWith("#/dept/" + b), "opened without a year in the address: "
                + browser.getCurrentUrl());
        // its own survey with the link to the page citizens answer on, and its index by respondent group
        waiting().until(d -> !d.findElements(By.cssSelector("#survey-list li")).isEmpty());
        ready("dept");
        WebElement listed = browser.findElement(By.cssSelector("#survey-list li"));
        assertEquals(survey, listed.getAttribute("data-survey"));
        assertTrue(listed.getText().startsWith("公园服务满意度调查 · 进行中"), listed.getText());
        assertTrue(listed.findElement(By.tagName("a")).getAttribute("href").endsWith("/s/" + survey));
        // 79.315 and its interval [70.8576, 87.7724] rounded half-up on their decimals, by the page itself
        assertEquals("79.32", browser.findElement(By.cssSelector("#satisfaction .big")).getText(),
                browser.findElement(By.id("satisfaction")).getText());
        assertTrue(browser.findElement(By.id("satisfaction")).getText().contains("样本量 3 · 95%区间 [70.86, 87.77]"),
                browser.findElement(By.id("satisfaction")).getText());
        assertEquals("办事群众 34.52% 87.50 2", browser.findElement(By.cssSelector(
                "#satisfaction-groups tr[data-group='CITIZEN']")).getText());
        assertEquals("87.5", browser.findElement(By.cssSelector("#satisfaction-groups tr[data-group='CITIZEN'] meter"))
                .getAttribute("value"), "the bar");
        assertEquals("企业 65.48% 75.00 1", browser.findElement(By.cssSelector(
                "#satisfaction-groups tr[data-group='ENTERPRISE']")).getText());
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()",
                browser.findElement(By.id("satisfaction")));
        Chromium.shot(browser, "portal-department-surveys");
        // the latest five of its six configurations, and how many there are
        assertEquals(List.of("6", "5", "4", "3", "2"), browser.findElements(By.cssSelector("#history tbody tr"))
                .stream().map(r -> r.getAttribute("data-revision")).toList());
        assertEquals("显示 5 项，共 6 项", browser.findElement(By.id("history-head")).getText());
        // 2023's evaluation is open: the office sees its provisional result, the department is told it is not
        // published yet (it was "无权查看", not visible to you, on the department's own page)
        given().auth().oauth2(TestTokens.department(b)).get("/api/v1/portal/departments/{s}?period=2023", b).then()
                .statusCode(200).body("panels.evaluation.status", equalTo("UNPUBLISHED"))
                .body("panels.evaluation.detail", equalTo("the results of 2023年度园林考评 are not published yet"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/portal/departments/{s}?period=2023", b).then()
                .statusCode(200).body("panels.evaluation.status", equalTo("OK"))
                .body("panels.evaluation.data.cycle.status", equalTo("OPEN"));
        browser.get(RestAssured.baseURI + "/#/dept/" + b + "?period=2023");
        waiting().until(d -> d.findElement(By.id("evaluation")).getText().contains("考评结果尚未公布，公布后可查看"));
        browser.get(RestAssured.baseURI + "/#/dept/" + a + "?period=" + PERIOD);
        WebElement error = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error")));
        assertTrue(error.getText().contains("a department sees only its own page") || error.getText().contains(
                "Forbidden"), error.getText());
        // its rating tasks: its own SELF rating in the open cycle that evaluates it, with the peers' criteria, and no
        // task in a cycle it is not in
        browser.findElement(By.id("rate-link")).click();
        ready("rate");
        List<WebElement> mine = browser.findElements(By.cssSelector("form.rate-task[data-cycle='" + parksCycle + "']"));
        assertEquals(1, mine.size());
        assertEquals(List.of(b, "SELF"), List.of(mine.get(0).getAttribute("data-subject"),
                mine.get(0).getAttribute("data-party")));
        assertEquals(List.of("COLLABORATION", "RESPONSIVENESS"), mine.get(0).findElements(By.cssSelector(
                "input[data-criterion]")).stream().map(i -> i.getAttribute("data-criterion")).toList());
        assertTrue(browser.findElements(By.cssSelector("form.rate-task[data-subject='" + a + "']")).isEmpty());
        browser.findElement(By.id("logout")).click();
    }

    /**
     * A service that is restarting (or has just started, and is slow to answer its first calls) leaves its panel
     * unavailable; the portal asks again every 5 s, and the panel fills in once the service is back, without anyone
     * reloading the page.
     */
    @Test
    void aPanelWhoseServiceIsRestartingFillsInByItselfOnceItIsBack() {
        Suite suite = Suite.started();
        browser.get(RestAssured.baseURI + "/#/login");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); sessionStorage.setItem('jx.token',"
                + " arguments[0]); sessionStorage.setItem('jx.signedInAt', String(Date.now()))", TestTokens.admin());
        suite.kill("budget");
        try {
            browser.get(RestAssured.baseURI + "/?restart#/dept/" + a + "?period=" + PERIOD);
            waiting(30).until(d -> !d.findElements(By.cssSelector("#budget [data-panel='unavailable']")).isEmpty());
            assertTrue(browser.findElement(By.id("parties")).getText().contains("上级"), "the other panels are drawn");
        } finally {
            suite.relaunch("budget");
        }
        waiting(60).until(d -> d.findElement(By.id("budget")).getText().contains("供水管网改造"));
    }

    /**
     * A superior rates from its tasks in the browser: the open cycle's department it is assigned to, a field for each
     * criterion of its rights list. The rating is stored as typed, shown again when the page is opened again, and a
     * rating the service refuses (the cycle closed meanwhile) is told with the service's reason and changes nothing.
     */
    @Test
    void aSuperiorRatesFromItsTasksAndARefusalIsToldAndChangesNothing() throws IOException {
        String admin = TestTokens.admin();
        String cycle = openCycle("2024年下半年门户评分", "2024-H2", List.of(a), "mayor");

        signInAfresh("superior", null, "mayor");
        ready("league");
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("rate-link"))).click();
        ready("rate");
        By task = By.cssSelector("form.rate-task[data-cycle='" + cycle + "'][data-subject='" + a + "']");
        WebElement form = browser.findElement(task);
        assertEquals("SUPERIOR", form.getAttribute("data-party"));
        assertTrue(form.getText().startsWith("市水务局 上级\n未评"), form.getText());
        assertEquals(List.of("STRATEGIC_FIT", "GOAL_ACHIEVEMENT"),
                form.findElements(By.cssSelector("input[data-criterion]"))
                        .stream().map(i -> i.getAttribute("data-criterion")).toList());
        WebElement card = browser.findElement(By.cssSelector("section[data-cycle='" + cycle + "']"));
        assertEquals("已评 0 / 共 1", card.findElement(By.className("rated-count")).getText());
        form.findElement(By.cssSelector("input[data-criterion='STRATEGIC_FIT']")).sendKeys("88.5");
        form.findElement(By.cssSelector("input[data-criterion='GOAL_ACHIEVEMENT']")).sendKeys("91");
        form.findElement(By.name("comment")).sendKeys("年度目标完成较好");
        form.findElement(By.tagName("button")).click();
        waiting().until(d -> d.findElement(task).findElement(By.className("msg")).getText().startsWith("已提交"));
        assertEquals("已评 89.75", browser.findElement(task).findElement(By.className("state")).getText());
        assertEquals("已评 1 / 共 1", card.findElement(By.className("rated-count")).getText());
        given().auth().oauth2(TestTokens.superior("mayor")).get("/api/v1/cycles/{id}/ratings", cycle).then()
                .statusCode(200).body("totalItems", equalTo(1)).body("items[0].subject", equalTo(a))
                .body("items[0].criteria.score", equalTo(List.of(88.5f, 91))).body("items[0].value", equalTo(89.75f))
                .body("items[0].comment", equalTo("年度目标完成较好"));
        Chromium.shot(browser, "portal-rating-tasks");

        // opened again: what was submitted, to be replaced while the cycle is open
        browser.navigate().refresh();
        ready("rate");
        form = browser.findElement(task);
        assertEquals(List.of("88.5", "91"), form.findElements(By.cssSelector("input[data-criterion]")).stream()
                .map(i -> i.getAttribute("value")).toList());
        assertEquals("更新评分", form.findElement(By.tagName("button")).getText());

        // the office closes the cycle while the form is open: the change is refused, told, and nothing is written
        given().auth().oauth2(admin).post("/api/v1/cycles/{id}/close", cycle).then().statusCode(200);
        WebElement goal = form.findElement(By.cssSelector("input[data-criterion='GOAL_ACHIEVEMENT']"));
        goal.clear();
        goal.sendKeys("99");
        form.findElement(By.tagName("button")).click();
        waiting().until(d -> d.findElement(task).findElement(By.className("msg")).getText().startsWith("未提交"));
        WebElement msg = browser.findElement(task).findElement(By.className("msg"));
        assertTrue(msg.getText().contains("ratings are accepted only while OPEN"), msg.getText());
        assertEquals("error", msg.getAttribute("class").replace("msg", "").trim());
        given().auth().oauth2(TestTokens.superior("mayor")).get("/api/v1/cycles/{id}/ratings", cycle).then()
                .statusCode(200).body("items[0].value", equalTo(89.75f));
        // a closed cycle has no tasks left
        browser.navigate().refresh();
        ready("rate");
        assertTrue(browser.findElements(By.cssSelector("section[data-cycle='" + cycle + "']")).isEmpty());
    }

    /**
     * A superior of more departments than a page holds: every task is a form, and every rating given, on whatever page
     * of the rating list it falls, is shown on its own task (the first hundred of each list were all that was read).
     */
    @Test
    void aSuperiorOfMoreThanAPageOfDepartmentsSeesEveryTaskWithItsRating() throws IOException {
        String admin = TestTokens.admin();
        String governor = "governor" + System.nanoTime() % 100000;
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            String code = String.format("PRV%s-%03d", a.substring(6), i);
            codes.add(code);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", code, "nameZh",
                    "省属单位" + i, "nameEn", "Provincial unit " + i, "level", "DEPARTMENT"))
                    .post("/api/v1/subjects").then().statusCode(201);
        }
        String cycle = openCycle("2024年第三季度省级考评", "2024-Q3", codes, governor);
        // all but the first are rated, each with a score of its own: 60 + i % 40 on both criteria
        for (int i = 1; i < codes.size(); i++) {
            given().auth().oauth2(TestTokens.superior(governor)).contentType(ContentType.JSON)
                    .body(Map.of("subject", codes.get(i), "party", "SUPERIOR", "criteria", List.of(
                            Map.of("code", "STRATEGIC_FIT", "score", 60 + i % 40),
                            Map.of("code", "GOAL_ACHIEVEMENT", "score", 60 + i % 40))))
                    .post("/api/v1/cycles/{id}/ratings", cycle).then().statusCode(201);
        }

        signInAfresh("superior", null, governor);
        ready("league");
        browser.get(RestAssured.baseURI + "/#/rate");
        ready("rate");
        WebElement card = browser.findElement(By.cssSelector("section[data-cycle='" + cycle + "']"));
        List<WebElement> forms = card.findElements(By.cssSelector("form.rate-task"));
        assertEquals(codes, forms.stream().map(f -> f.getAttribute("data-subject")).sorted().toList());
        assertEquals("已评 104 / 共 105", card.findElement(By.className("rated-count")).getText());
        for (int i = 0; i < codes.size(); i++) {
            By task = By.cssSelector("form.rate-task[data-cycle='" + cycle + "'][data-subject='" + codes.get(i) + "']");
            assertEquals(i == 0 ? "未评" : "已评 " + (60 + i % 40) + ".00",
                    browser.findElement(task).findElement(By.className("state")).getText(), codes.get(i));
        }
        // the one task left, rated in the portal, counts as well
        By first = By.cssSelector("form.rate-task[data-cycle='" + cycle + "'][data-subject='" + codes.get(0) + "']");
        WebElement form = browser.findElement(first);
        form.findElement(By.cssSelector("input[data-criterion='STRATEGIC_FIT']")).sendKeys("70");
        form.findElement(By.cssSelector("input[data-criterion='GOAL_ACHIEVEMENT']")).sendKeys("80");
        form.findElement(By.tagName("button")).click();
        waiting().until(d -> d.findElement(first).findElement(By.className("msg")).getText().startsWith("已提交"));
        assertEquals("已评 105 / 共 105", card.findElement(By.className("rated-count")).getText());
        given().auth().oauth2(TestTokens.superior(governor)).get("/api/v1/cycles/{id}/ratings?size=1", cycle).then()
                .statusCode(200).body("totalItems", equalTo(105));
    }

    /**
     * 好差评 in the portal: a department answers its bad-review case and closes it after the follow-up, from its own
     * page; a live update arriving while it types does not wipe the answer; a case whose review the office voided
     * meanwhile refuses the answer, told in the form; the office reads the answer and the note but has no forms.
     */
    @Test
    void aDepartmentAnswersAndClosesItsBadReviewCaseFromItsPage() throws IOException, InterruptedException {
        String admin = TestTokens.admin();
        String c = department("PCITY", "市城管局", "City Management Bureau");
        String indicator = "PC" + a.substring(6);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", indicator, "nameZh",
                "投诉办结率", "dimension", "PROCESS", "kind", "QUANTITATIVE", "polarity", "HIGHER_BETTER", "unit", "%",
                "target", 100, "weight", 10, "subjects", List.of(c))).post("/api/v1/indicators").then()
                .statusCode(201);
        report(c, indicator, PERIOD, 60);
        String now = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).toString();
        Response first = ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth()
                .oauth2(TestTokens.system("service-hall")).contentType(ContentType.JSON)
                .body(Map.of("caseNo", "CG-" + c + "-0001", "subject", c, "serviceItem", "占道经营投诉", "level",
                        "VERY_DISSATISFIED", "comment", "投诉三天无人处理", "ratedAt", now))
                .post("/api/v1/reviews"));
        String answered = first.path("rectification.id");
        String due = first.path("rectification.dueDate");
        Response second = given().auth().oauth2(TestTokens.system("service-hall")).contentType(ContentType.JSON)
                .body(Map.of("caseNo", "CG-" + c + "-0002", "subject", c, "level", "DISSATISFIED", "ratedAt", now))
                .post("/api/v1/reviews");
        second.then().statusCode(201);
        String voided = second.path("rectification.id");

        signInAfresh("department", c);
        ready("dept");
        assertTrue(browser.getCurrentUrl().endsWith("#/dept/" + c), browser.getCurrentUrl());
        By item = By.cssSelector("#cases li[data-case='" + answered + "']");
        assertEquals("CG-" + c + "-0001 · 占道经营投诉 · 非常不满意\n待答复 · 期限 " + due + "\n“投诉三天无人处理”\n答复",
                browser.findElement(item).getText().replace("\n提交答复", ""));
        String before = browser.findElement(By.id("total")).getText();

        // typing the answer when the department's scorecard changes: the update is shown once the answer is sent
        WebElement answer = browser.findElement(item)
                .findElement(By.cssSelector("form[data-action='answer'] textarea"));
        answer.sendKeys("已约谈摊主并恢复道路通行，后续每日巡查。");
        waiting().until(d -> d.findElement(By.id("live-state")).getText().contains("已连接"));
        given().auth().oauth2(TestTokens.department(c)).contentType(ContentType.JSON)
                .body(Map.of("subject", c, "indicator", indicator, "period", PERIOD, "value", 90, "correctionReason",
                        "更正：补录两件办结投诉"))
                .post("/api/v1/values").then().statusCode(201);
        waiting(30).until(d -> !d.findElements(By.cssSelector("#live-feed li[data-subject='" + c + "']")).isEmpty());
        Thread.sleep(1500); // the page drew itself again 400 ms after an update
        assertEquals("已约谈摊主并恢复道路通行，后续每日巡查。", browser.findElement(item)
                .findElement(By.cssSelector("form[data-action='answer'] textarea")).getAttribute("value"));
        assertEquals(before, browser.findElement(By.id("total")).getText());
        browser.findElement(item).findElement(By.cssSelector("form[data-action='answer'] button")).click();
        waiting().until(d -> d.findElement(item).getText().endsWith("\n已答复，期限内答复计入按时答复率。"));
        assertTrue(browser.findElement(item).getText().contains("答复：已约谈摊主并恢复道路通行，后续每日巡查。"),
                browser.findElement(item).getText());
        given().auth().oauth2(TestTokens.department(c)).get("/api/v1/rectifications/{id}", answered).then()
                .statusCode(200).body("status", equalTo("ANSWERED"))
                .body("answer", equalTo("已约谈摊主并恢复道路通行，后续每日巡查。"))
                .body("answeredBy", equalTo("portal-department")).body("answeredOnTime", equalTo(true));
        // nobody typing any more: the update deferred is drawn
        waiting(15).until(d -> !d.findElement(By.id("total")).getText().equals(before));

        // closed after the follow-up with the citizen
        WebElement note = browser.findElement(item).findElement(By.cssSelector("form[data-action='close'] textarea"));
        note.sendKeys("已电话回访，市民表示满意。");
        browser.findElement(item).findElement(By.cssSelector("form[data-action='close'] button")).click();
        waiting().until(d -> d.findElement(item).getText().endsWith("\n已办结。"));
        assertTrue(browser.findElement(item).findElements(By.tagName("form")).isEmpty());
        given().auth().oauth2(TestTokens.department(c)).get("/api/v1/rectifications/{id}", answered).then()
                .statusCode(200).body("status", equalTo("CLOSED")).body("closingNote", equalTo("已电话回访，市民表示满意。"))
                .body("closedBy", equalTo("portal-department"));

        // the office voids the second case's review on appeal while the department answers it: refused, told
        By other = By.cssSelector("#cases li[data-case='" + voided + "']");
        browser.findElement(other).findElement(By.tagName("textarea")).sendKeys("已核实");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("reason", "MISTAKEN", "note", "服务大厅误选评价对象"))
                .post("/api/v1/reviews/{id}/void", second.path("id").toString()).then().statusCode(200);
        browser.findElement(other).findElement(By.tagName("button")).click();
        waiting().until(d -> d.findElement(other).getText().contains("未提交"));
        // told why, and the case as it now stands: voided, nothing left to answer
        assertEquals("CG-" + c + "-0002 · 不满意\n已作废 · 期限 " + due + "\n未提交：rectification case is VOIDED: it cannot"
                + " be answered", browser.findElement(other).getText());
        assertTrue(browser.findElement(other).findElements(By.tagName("form")).isEmpty());
        given().auth().oauth2(TestTokens.department(c)).get("/api/v1/rectifications/{id}", voided).then()
                .statusCode(200).body("status", equalTo("VOIDED")).body("answerRevisions", equalTo(0));
        Chromium.shot(browser, "portal-department-cases");

        // the office reads the answer and the note, and has no forms: answering is the department's
        ((JavascriptExecutor) browser).executeScript("sessionStorage.setItem('jx.token', arguments[0])", admin);
        browser.get(RestAssured.baseURI + "/#/dept/" + c + "?period=" + PERIOD);
        browser.navigate().refresh();
        ready("dept");
        String shown = browser.findElement(item).getText();
        assertTrue(shown.contains("已办结") && shown.contains("答复：已约谈摊主并恢复道路通行，后续每日巡查。")
                && shown.contains("办结说明：已电话回访，市民表示满意。"), shown);
        assertTrue(browser.findElements(By.cssSelector("#cases form")).isEmpty());
    }

    /**
     * 申诉 in the portal: a department appeals its published result under it, within the window; the office's
     * refused amendment is told and changes nothing; the office accepts with a corrected scorecard total and the page
     * shows the amended result; a second appeal is rejected with the office's note, which the department reads.
     */
    @Test
    void aDepartmentAppealsItsResultAndTheOfficeDecidesOnItsPage() throws IOException {
        String admin = TestTokens.admin();
        String d = department("PSTAT", "市统计局", "Statistics Bureau");
        String cycle = openCycle("2022年度统计考评", "2022", List.of(d), "mayor");
        given().auth().oauth2(TestTokens.superior("mayor")).contentType(ContentType.JSON)
                .body(Map.of("subject", d, "party", "SUPERIOR", "criteria", List.of(
                        Map.of("code", "STRATEGIC_FIT", "score", 80), Map.of("code", "GOAL_ACHIEVEMENT", "score", 80))))
                .post("/api/v1/cycles/{id}/ratings", cycle).then().statusCode(201);
        for (String action : List.of("close", "finalize", "publish")) {
            given().auth().oauth2(admin).post("/api/v1/cycles/{id}/" + action, cycle).then().statusCode(200);
        }
        // the superior's ratings alone (no scorecard for 2022, no other party): 80
        assertEquals(0, composite(cycle, d).compareTo(new BigDecimal("80")));

        signInAfresh("department", d);
        ready("dept");
        assertTrue(browser.getCurrentUrl().endsWith("#/dept/" + d), browser.getCurrentUrl());
        assertEquals("80.00", browser.findElement(By.cssSelector("#evaluation .big")).getText());
        String until = browser.findElement(By.id("appeal-window")).getText();
        assertTrue(until.startsWith("申诉期至 "), until);
        browser.findElement(By.cssSelector("#appeals form[data-action='appeal'] textarea"))
                .sendKeys("统计年报提前报送，指标得分未计入。");
        browser.findElement(By.cssSelector("#appeals form[data-action='appeal'] button")).click();
        waiting().until(d2 -> d2.findElement(By.id("appeals")).getText().contains("申诉已提交，待考核办复核。"));
        WebElement lodged = browser.findElement(By.cssSelector("#appeal-list li"));
        assertTrue(lodged.getText().startsWith("待复核 · 提交于 "), lodged.getText());
        assertTrue(lodged.getText().endsWith("申诉理由：统计年报提前报送，指标得分未计入。"), lodged.getText());
        // one appeal under review at a time: no form until it is decided
        assertTrue(browser.findElements(By.cssSelector("#appeals form")).isEmpty());
        String appeal = lodged.getAttribute("data-appeal");
        given().auth().oauth2(TestTokens.department(d)).get("/api/v1/cycles/{id}/appeals", cycle).then()
                .statusCode(200).body("id", equalTo(List.of(appeal))).body("status", equalTo(List.of("SUBMITTED")))
                .body("submittedBy", equalTo(List.of("portal-department")));

        // the office on the department's page: an index amended where there was no public sample is refused, told,
        // and changes nothing
        ((JavascriptExecutor) browser).executeScript("sessionStorage.setItem('jx.token', arguments[0])", admin);
        browser.get(RestAssured.baseURI + "/#/dept/" + d + "?period=2022");
        browser.navigate().refresh();
        ready("dept");
        By accept = By.cssSelector("#appeal-list li[data-appeal='" + appeal + "'] form[data-action='accept']");
        browser.findElement(By.cssSelector("#appeal-list li[data-appeal='" + appeal + "'] details summary")).click();
        browser.findElement(accept).findElement(By.tagName("textarea")).sendKeys("经核实，年报按期报送。");
        browser.findElement(accept).findElement(By.name("satisfactionIndex")).sendKeys("95");
        browser.findElement(accept).findElement(By.tagName("button")).click();
        waiting().until(d2 -> d2.findElement(accept).findElement(By.className("msg")).getText().startsWith("未提交"));
        String refusal = browser.findElement(accept).findElement(By.className("msg")).getText();
        assertTrue(refusal.contains("below the cycle's minimum of 3"), refusal);
        given().auth().oauth2(admin).get("/api/v1/cycles/{id}/appeals", cycle).then().statusCode(200)
                .body("status", equalTo(List.of("SUBMITTED")));
        // accepted with the scorecard total the department's report gives: SUPERIOR = 0.5 × 90 + 0.5 × 80 = 85
        browser.findElement(accept).findElement(By.name("satisfactionIndex")).clear();
        browser.findElement(accept).findElement(By.name("scorecardTotal")).sendKeys("90");
        browser.findElement(accept).findElement(By.tagName("button")).click();
        waiting().until(d2 -> d2.findElement(By.cssSelector("#evaluation .big")).getText().equals("85.00"));
        // the page is drawn again, and again when the amendment's event arrives: read once it says so
        String decided = waiting().until(d2 -> {
            String x = d2.findElement(By.cssSelector("#appeal-list li[data-appeal='" + appeal + "']")).getText();
            return x.startsWith("已采纳 · ") ? x : null;
        });
        assertTrue(decided.endsWith("复核意见：经核实，年报按期报送。"), decided);
        waiting(30).until(d2 -> !d2.findElements(By.cssSelector("#live-feed li[data-kind='result'][data-subject='" + d
                + "']")).isEmpty());
        assertEquals(0, composite(cycle, d).compareTo(new BigDecimal("85")));

        // the department appeals again; the office rejects it with its note
        given().auth().oauth2(TestTokens.department(d)).contentType(ContentType.JSON)
                .body(Map.of("reason", "满意度调查样本不足，请求补充调查。")).post("/api/v1/cycles/{id}/appeals", cycle)
                .then().statusCode(201);
        browser.navigate().refresh();
        ready("dept");
        By reject = By.cssSelector("#appeal-list li:last-child form[data-action='reject']");
        browser.findElement(reject).findElement(By.tagName("textarea")).sendKeys("调查样本依规则处理，不予采纳。");
        browser.findElement(reject).findElement(By.tagName("button")).click();
        waiting().until(d2 -> d2.findElement(By.id("appeals")).getText().contains("已驳回。"));
        assertTrue(browser.findElements(By.cssSelector("#appeals form")).isEmpty());
        Chromium.shot(browser, "portal-appeals-office");

        // the department reads both decisions, and may appeal again within the window
        ((JavascriptExecutor) browser).executeScript("sessionStorage.setItem('jx.token', arguments[0])",
                TestTokens.department(d));
        browser.navigate().refresh();
        ready("dept");
        assertEquals(List.of("已采纳", "未采纳"), browser.findElements(By.cssSelector("#appeal-list .appeal-status"))
                .stream().map(WebElement::getText).toList());
        assertTrue(browser.findElement(By.id("appeals")).getText().contains("复核意见：调查样本依规则处理，不予采纳。"));
        assertEquals(1, browser.findElements(By.cssSelector("#appeals form[data-action='appeal']")).size());
        assertTrue(browser.findElements(By.cssSelector("#appeals form[data-action='reject'], #appeals form[data-action="
                + "'accept']")).isEmpty());
        assertEquals("85.00", browser.findElement(By.cssSelector("#evaluation .big")).getText());
    }

    /**
     * 数据质量: a department's satisfaction values above 99 are held as SUSPICIOUS_HIGH; the department sees its own
     * held values, without decisions; the office accepts one with a note, rejects another, and is told when a third
     * was decided meanwhile.
     */
    @Test
    void theOfficeReviewsHeldValuesAndTheDepartmentSeesItsOwn() throws IOException {
        String admin = TestTokens.admin();
        String e = department("PHLTH", "市卫健委", "Health Commission");
        List<String> flags = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String indicator = "PH" + a.substring(6) + "-" + i; // its value: 99.5, 99.6, 99.7
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", indicator, "nameZh",
                    "就医满意率" + i, "dimension", "PUBLIC", "kind", "QUANTITATIVE", "polarity", "HIGHER_BETTER", "unit",
                    "%", "target", 95, "weight", 10, "satisfaction", true, "subjects", List.of(e)))
                    .post("/api/v1/indicators").then().statusCode(201);
            Object flag = ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth()
                    .oauth2(TestTokens.department(e)).contentType(ContentType.JSON).body(Map.of("subject", e,
                            "indicator", indicator, "period", PERIOD, "value",
                            new BigDecimal("99." + (5 + flags.size()))))
                    .post("/api/v1/values")).path("flags[0].id");
            flags.add(String.valueOf(flag));
        }

        // the department: its own held values, newest first, and nothing to decide
        signInAfresh("department", e);
        ready("dept");
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("quality-link"))).click();
        ready("quality");
        assertEquals(List.of(flags.get(2), flags.get(1), flags.get(0)),
                browser.findElements(By.cssSelector("#flags li"))
                        .stream().map(li -> li.getAttribute("data-flag")).toList());
        String first = browser.findElement(By.cssSelector("#flags li[data-flag='" + flags.get(0) + "']")).getText();
        assertTrue(first.startsWith("疑似虚高 · 市卫健委 · PH" + a.substring(6) + "-1 · " + PERIOD + " · 报送值 99.5\n"
                + "a satisfaction value of 99.5 is above 99 and needs review · "), first);
        assertTrue(browser.findElements(By.cssSelector("#flags form")).isEmpty());

        // the office: accepts the first with a note, rejects the second
        ((JavascriptExecutor) browser).executeScript("sessionStorage.setItem('jx.token', arguments[0])", admin);
        browser.get(RestAssured.baseURI + "/#/quality");
        browser.navigate().refresh();
        ready("quality");
        By one = By.cssSelector("#flags li[data-flag='" + flags.get(0) + "']");
        By two = By.cssSelector("#flags li[data-flag='" + flags.get(1) + "']");
        By three = By.cssSelector("#flags li[data-flag='" + flags.get(2) + "']");
        assertEquals(List.of("采纳（计入得分）", "驳回（不计分）"), browser.findElement(one).findElements(By.tagName("button"))
                .stream().map(WebElement::getText).toList());
        browser.findElement(one).findElement(By.name("note")).sendKeys("经抽样回访核实");
        browser.findElement(one).findElement(By.cssSelector("button[value='ACCEPT']")).click();
        waiting().until(d -> d.findElement(one).getText().endsWith("\n已采纳 · 经抽样回访核实"));
        browser.findElement(two).findElement(By.cssSelector("button[value='REJECT']")).click();
        waiting().until(d -> d.findElement(two).getText().endsWith("\n已驳回"));
        given().auth().oauth2(admin).get("/api/v1/quality/flags/{id}", flags.get(0)).then().statusCode(200)
                .body("status", equalTo("ACCEPTED")).body("reviewNote", equalTo("经抽样回访核实"));
        given().auth().oauth2(admin).get("/api/v1/quality/flags/{id}", flags.get(1)).then().statusCode(200)
                .body("status", equalTo("REJECTED"));
        // the third, decided by another office user meanwhile: the second decision is refused and told
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("decision", "ACCEPT"))
                .post("/api/v1/quality/flags/{id}/review", flags.get(2)).then().statusCode(200);
        browser.findElement(three).findElement(By.cssSelector("button[value='REJECT']")).click();
        waiting().until(d -> d.findElement(three).getText().contains("未提交"));
        // told why, and shown as it now stands
        assertTrue(browser.findElement(three).getText().endsWith("\n已采纳\n未提交：flag " + flags.get(2)
                + " is ACCEPTED already"), browser.findElement(three).getText());
        assertTrue(browser.findElement(three).findElements(By.tagName("form")).isEmpty());
        given().auth().oauth2(admin).get("/api/v1/quality/flags/{id}", flags.get(2)).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"));
        Chromium.shot(browser, "portal-quality-review");
        // none of the department's flags is open any more
        given().auth().oauth2(TestTokens.department(e)).get("/api/v1/quality/flags?status=OPEN").then()
                .statusCode(200).body("totalItems", equalTo(0));
    }

    /**
     * 预算处置: finance decides a red project's disposal task under its warning on the league page, with the measure
     * and a note; a task closed meanwhile is shown as it was decided; a superior sees the warnings without forms.
     */
    @Test
    void financeDisposesOfARedProjectUnderItsWarning() throws IOException {
        String admin = TestTokens.admin();
        String g = department("PTRAN", "市交通局", "Transport Bureau");
        List<String> projects = new ArrayList<>();
        for (String project : List.of("公交站台改造", "道路照明更新")) {
            projects.add(ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth()
                    .oauth2(TestTokens.finance()).contentType(ContentType.JSON).body(Map.of("subject", g, "fiscalYear",
                            2021, "category", "GENERAL", "name", project, "approvedAmount", 1_000_000))
                    .post("/api/v1/budget/projects")).path("id"));
        }
        // 2021 is over and nothing was spent: both red, each with a disposal task
        given().auth().oauth2(TestTokens.finance()).queryParam("year", 2021).post("/api/v1/budget/monitoring/run")
                .then().statusCode(200);
        List<String> tasks = projects.stream().map(p -> given().auth().oauth2(TestTokens.finance())
                .get("/api/v1/budget/disposals?subject=" + g).then().statusCode(200).extract().jsonPath()
                .getString("items.find { it.project == '" + p + "' }.id")).toList();
        By first = By.cssSelector("#red-projects li[data-project='" + projects.get(0) + "']");
        By second = By.cssSelector("#red-projects li[data-project='" + projects.get(1) + "']");

        // a superior reads the warnings and has nothing to decide
        browser.get(RestAssured.baseURI + "/#/login");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); sessionStorage.setItem('jx.token',"
                + " arguments[0]); sessionStorage.setItem('jx.signedInAt', String(Date.now()))",
                TestTokens.superior("mayor"));
        browser.get(RestAssured.baseURI + "/?superior#/league?period=2021");
        ready("league");
        assertTrue(browser.findElement(first).getText().endsWith("执行率 0.00% · 待处置"),
                browser.findElement(first).getText());
        assertTrue(browser.findElements(By.cssSelector("#red-projects form")).isEmpty());

        // finance, signed in at the issuer
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get(RestAssured.baseURI + "/?finance#/login");
        signInAs("finance", null);
        ready("league");
        browser.get(RestAssured.baseURI + "/?finance#/league?period=2021");
        ready("league");
        WebElement form = browser.findElement(first).findElement(By.tagName("form"));
        assertEquals(List.of("限期整改", "暂停拨款", "收回资金"), new Select(form.findElement(By.name("action")))
                .getOptions().stream().map(WebElement::getText).toList());
        new Select(form.findElement(By.name("action"))).selectByValue("SUSPEND");
        form.findElement(By.name("note")).sendKeys("项目停滞，暂停拨付");
        form.findElement(By.tagName("button")).click();
        waiting().until(d -> d.findElement(first).getText().endsWith("\n已处置：暂停拨款 · 项目停滞，暂停拨付"));
        assertFalse(browser.findElement(first).getText().contains("待处置"), browser.findElement(first).getText());
        given().auth().oauth2(TestTokens.finance()).get("/api/v1/budget/disposals?status=CLOSED&subject=" + g).then()
                .statusCode(200).body("items.find { it.id == '" + tasks.get(0) + "' }.action", equalTo("SUSPEND"))
                .body("items.find { it.id == '" + tasks.get(0) + "' }.note", equalTo("项目停滞，暂停拨付"))
                .body("items.find { it.id == '" + tasks.get(0) + "' }.closedBy", equalTo("portal-finance"));

        // the second, closed by someone else meanwhile: this decision is refused and the one taken is shown
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("action", "RECTIFY", "note",
                "限年底前完成招标")).post("/api/v1/budget/disposals/{id}/close", tasks.get(1)).then().statusCode(200);
        form = browser.findElement(second).findElement(By.tagName("form"));
        new Select(form.findElement(By.name("action"))).selectByValue("WITHDRAW");
        form.findElement(By.name("note")).sendKeys("收回");
        form.findElement(By.tagName("button")).click();
        waiting().until(d -> d.findElement(second).getText().contains("未提交"));
        assertTrue(browser.findElement(second).getText().endsWith("\n已处置：限期整改 · 限年底前完成招标\n未提交：disposal task "
                + tasks.get(1) + " is already closed"), browser.findElement(second).getText());
        given().auth().oauth2(TestTokens.finance()).get("/api/v1/budget/disposals?status=CLOSED&subject=" + g).then()
                .statusCode(200).body("items.find { it.id == '" + tasks.get(1) + "' }.action", equalTo("RECTIFY"));
        Chromium.shot(browser, "portal-disposals");
    }

    /**
     * 数据报送: a department imports a CSV file of values in the portal; with rows in error the file is refused whole,
     * each row's reason shown, nothing written; sent again as a partial import, the good row is written. Its template
     * lists the indicators of its scorecard for the year.
     */
    @Test
    void aDepartmentImportsAFileOfValuesAndSeesEachRefusedRow() throws IOException {
        String admin = TestTokens.admin();
        String h = department("PSPRT", "市体育局", "Sports Bureau");
        for (String i : List.of("1", "2")) {
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("code", "PS" + a.substring(6) + "-" + i,
                            "nameZh", "全民健身指标" + i, "dimension", "PUBLIC", "kind", "QUANTITATIVE", "polarity",
                            "HIGHER_BETTER", "unit", "%", "target", 100, "weight", 10, "subjects", List.of(h)))
                    .post("/api/v1/indicators").then().statusCode(201);
        }
        String one = "PS" + a.substring(6) + "-1";
        String two = "PS" + a.substring(6) + "-2";
        java.nio.file.Path file = java.nio.file.Files.createTempFile("values-", ".csv");
        java.nio.file.Files.writeString(file,
                "subject,indicator,period,value\n" + h + "," + one + "," + PERIOD + ",88\n"
                        + h + "," + two + "," + PERIOD + ",八十\n" + h + ",NOPE," + PERIOD + ",70\n");

        signInAfresh("department", h);
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("import-link"))).click();
        ready("import");
        // it has no data yet, so the page opened on this year; the year the file is about is chosen
        browser.get(RestAssured.baseURI + "/?import#/import?period=" + PERIOD);
        ready("import");
        // a template of what its scorecard for the year asks for, nothing reported yet
        String href = browser.findElement(By.id("import-template")).getAttribute("href");
        String template = java.net.URLDecoder.decode(href.substring(href.indexOf(',') + 1),
                java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("\ufeffsubject,indicator,period,value,level,source,evidenceUrl,correctionReason\r\n" + h + ","
                + one + ","
                + PERIOD + ",,,,,\r\n" + h + "," + two + "," + PERIOD + ",,,,,\r\n", template);
        assertEquals("下载 " + PERIOD + " 年度模板（2 个指标）", browser.findElement(By.id("import-template")).getText());
        browser.findElement(By.cssSelector("#import-form input[type=file]")).sendKeys(file.toString());
        browser.findElement(By.cssSelector("#import-form button")).click();
        WebElement state = waiting(30).until(d -> {
            List<WebElement> x = d.findElements(By.cssSelector("#import-state[data-status='REJECTED']"));
            return x.isEmpty() ? null : x.get(0);
        });
        assertEquals("未导入（有误的行见下） · 已校验 3 / 3 行", state.getText());
        assertEquals("拒绝 2", browser.findElement(By.id("import-outcome")).getText().replaceAll(".*(拒绝 \\d+).*", "$1"));
        List<List<String>> errors = browser.findElements(By.cssSelector("#import-errors tbody tr")).stream()
                .map(r -> cells(r, 1, 2)).toList();
        assertEquals(List.of(List.of("3", "value"), List.of("4", "indicator")), errors,
                browser.findElement(By.id("import-errors")).getText());
        given().auth().oauth2(TestTokens.department(h)).get("/api/v1/subjects/{s}/values?period=" + PERIOD, h).then()
                .statusCode(200).body("size()", equalTo(0));

        // the same file as a partial import: the good row is written. Its first two progress reads fail, as while the
        // service restarts (a 503 answered in the browser): told, tried again, and followed to the end
        ((JavascriptExecutor) browser).executeScript("window.__failedPolls = 0; const real = window.fetch;"
                + " window.fetch = function (u, i) { if (/\\/api\\/v1\\/values\\/imports\\/[0-9a-f-]{36}$/.test(String(u))"
                + " && window.__failedPolls < 2) { window.__failedPolls++; return Promise.resolve(new Response("
                + "JSON.stringify({ status: 503, title: 'Service Unavailable', detail: 'indicator-service is restarting' }),"
                + " { status: 503, headers: { 'Content-Type': 'application/problem+json' } })); }"
                + " return real.apply(this, arguments); };");
        browser.findElement(By.cssSelector("#import-form input[type=file]")).sendKeys(file.toString());
        browser.findElement(By.cssSelector("#import-form input[name=partial]")).click();
        browser.findElement(By.cssSelector("#import-form button")).click();
        String retried = waiting().until(d -> {
            List<WebElement> x = d.findElements(By.id("import-retry"));
            return x.isEmpty() ? null : x.get(0).getText();
        });
        assertEquals("进度暂时无法读取（indicator-service is restarting），稍后自动重试；导入在服务端继续。", retried);
        waiting(30).until(d -> !d.findElements(By.cssSelector("#import-state[data-status='DONE']")).isEmpty());
        assertEquals(2L, ((JavascriptExecutor) browser).executeScript("return window.__failedPolls"));
        assertEquals("已完成 · 已写入 1 / 3 行", browser.findElement(By.id("import-state")).getText());
        String outcome = browser.findElement(By.id("import-outcome")).getText();
        assertTrue(outcome.startsWith("写入 1 · ") && outcome.contains("拒绝 2"), outcome);
        assertEquals("3", browser.findElement(By.id("import-progress")).getAttribute("value"));
        given().auth().oauth2(TestTokens.department(h)).get("/api/v1/subjects/{s}/values?period=" + PERIOD, h).then()
                .statusCode(200).body("indicator", equalTo(List.of(one))).body("value", equalTo(List.of(88)))
                .body("reportedBy", equalTo(List.of("portal-department")));
        Chromium.shot(browser, "portal-import");

        // both imports listed, the latest first, and so again when the page is opened again
        waiting().until(d -> d.findElements(By.cssSelector("#import-jobs tbody tr")).stream()
                .map(r -> cells(r, 2).get(0)).toList().equals(List.of("已完成", "未导入（有误的行见下）")));
        browser.navigate().refresh();
        ready("import");
        assertEquals(List.of("已完成", "未导入（有误的行见下）"), browser.findElements(By.cssSelector("#import-jobs tbody tr"))
                .stream().map(r -> cells(r, 2).get(0)).toList());
        java.nio.file.Files.deleteIfExists(file);
    }

    @Test
    void anExpiredSessionSignsInAgainAndReturnsToThePageItWasOn() throws IOException {
        String expired = TestTokens.builder("dept-" + b, "department", b, null)
                .issuedAt(java.time.Instant.now().minusSeconds(7200))
                .expiresAt(java.time.Instant.now().minusSeconds(3600))
                .sign(io.jixiao.testsupport.TestKeys.privateKey());
        String page = "/#/dept/" + b + "?period=" + PERIOD;
        // signed in long ago: the refused token sends the browser to the issuer, and back to the same page after
        browser.get(RestAssured.baseURI + "/#/login");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("sessionStorage.clear(); sessionStorage.setItem('jx.token', arguments[0]);"
                + " sessionStorage.setItem('jx.signedInAt', '1')", expired);
        browser.get(RestAssured.baseURI + "/?reload=1" + page);
        pickAtIssuer("department", b);
        ready("dept");
        assertTrue(browser.getCurrentUrl().endsWith(page), browser.getCurrentUrl());
        assertTrue(browser.findElement(By.id("dept-title")).getText().startsWith("市园林局"));

        // refused right after signing in: no second round trip, the portal says what is wrong
        js.executeScript("sessionStorage.setItem('jx.token', arguments[0]);"
                + " sessionStorage.setItem('jx.signedInAt', String(Date.now()))", expired);
        browser.get(RestAssured.baseURI + "/?reload=2" + page);
        waiting().until(d -> d.findElement(By.id("login-error")).getText().contains("登录凭证未被接受"));
        assertTrue(browser.getCurrentUrl().startsWith(RestAssured.baseURI + "/"), browser.getCurrentUrl());
        assertEquals(null, js.executeScript("return sessionStorage.getItem('jx.token')"));
    }

    /**
     * The portal's sign-in as a user runs it: the portal sends the browser to the issuer's sign-in page (authorization
     * code with PKCE), the user picks a role there, and the issuer sends the browser back with a code that the portal
     * exchanges for its token.
     */
    void signInAs(String role, String dept) throws IOException {
        signInAs(role, dept, null);
    }

    /** Signs in from the login page with nothing left of an earlier session in this tab. */
    void signInAfresh(String role, String dept) throws IOException {
        signInAfresh(role, dept, null);
    }

    void signInAfresh(String role, String dept, String sub) throws IOException {
        browser.get(RestAssured.baseURI + "/#/login");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        signInAs(role, dept, sub);
    }

    /** The same, under a user name ({@code sub}) of one's own rather than the issuer's default. */
    void signInAs(String role, String dept, String sub) throws IOException {
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("login-start"))).click();
        pickAtIssuer(role, dept, sub);
    }

    void pickAtIssuer(String role, String dept) throws IOException {
        pickAtIssuer(role, dept, null);
    }

    /** On the demo issuer's sign-in page: pick a role (and a department, and a user name), and sign in. */
    void pickAtIssuer(String role, String dept, String sub) throws IOException {
        WebElement pick = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-role")));
        assertTrue(browser.getCurrentUrl().contains("/auth/authorize?") && browser.getCurrentUrl().contains(
                "code_challenge_method=S256"), browser.getCurrentUrl());
        Chromium.shot(browser, "portal-sign-in-demo-issuer");
        new Select(pick).selectByValue(role);
        if (dept != null) {
            WebElement field = browser.findElement(By.id("login-dept"));
            field.clear();
            field.sendKeys(dept);
        }
        if (sub != null) {
            WebElement field = browser.findElement(By.id("login-sub"));
            field.clear();
            field.sendKeys(sub);
        }
        browser.findElement(By.id("login-submit")).click();
    }

    WebDriverWait waiting() {
        return waiting(15);
    }

    WebDriverWait waiting(int seconds) {
        WebDriverWait w = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return w;
    }

    void ready(String view) {
        try {
            waiting().until(d -> view.equals(((JavascriptExecutor) d).executeScript(
                    "return document.body.dataset.ready")));
        } catch (org.openqa.selenium.TimeoutException e) {
            try {
                Chromium.shot(browser, "portal-not-ready-" + view);
            } catch (IOException | RuntimeException ignored) {
                // the message below is what matters
            }
            throw new AssertionError("the " + view + " view never became ready; at " + browser.getCurrentUrl()
                    + " the page says: " + browser.findElement(By.tagName("body")).getText(), e);
        }
    }
}
