package io.jixiao.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.jixiao.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The public survey page at /s/{id} through the gateway, in Debian's headless Chromium on a phone-sized window: a
 * citizen answers with the keyboard and the mouse and sees the thank-you; a closed survey and a used invitation show
 * clear errors; English on request. Screenshots go to target/screenshots.
 */
class SurveyPageIT {

    static WebDriver browser;

    @BeforeAll
    static void start() throws IOException {
        Suite.atGateway();
        browser = Chromium.start(390, 844, "zh-CN");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    static String survey(String subject, String access) {
        String admin = TestTokens.admin();
        String id = ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(admin)
                .contentType(ContentType.JSON).body(Map.of("subject", subject, "period", "2026", "titleZh",
                        "政务服务大厅满意度调查", "titleEn", "Service hall satisfaction survey", "access", access,
                        "groupWeights", Map.of("CITIZEN", 70, "ENTERPRISE", 30), "questions", List.of(
                                Map.of("code", "q1", "group", "CITIZEN", "type", "LIKERT5", "textZh", "办事流程是否便捷？",
                                        "textEn", "Was the procedure convenient?", "required", true),
                                Map.of("code", "q2", "group", "CITIZEN", "type", "GOOD_BAD5", "textZh",
                                        "对窗口服务的总体评价", "textEn", "Overall, the counter service was", "required",
                                        true),
                                Map.of("code", "q3", "group", "CITIZEN", "type", "TEXT", "textZh", "意见和建议",
                                        "textEn", "Comments"),
                                Map.of("code", "e1", "group", "ENTERPRISE", "type", "NPS", "textZh", "您向他人推荐的可能性",
                                        "required", true))))
                .post("/api/v1/surveys")).path("id");
        given().auth().oauth2(admin).post("/api/v1/surveys/{id}/open", id).then().statusCode(200);
        return id;
    }

    static String subject() {
        String code = "WEB" + System.nanoTime() % 100000;
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "nameZh", "政务服务中心", "level", "DEPARTMENT")).post("/api/v1/subjects").then()
                .statusCode(201);
        return code;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    void shot(String name) throws IOException {
        Chromium.shot(browser, name);
    }

    WebElement alert() {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("alert")));
    }

    void answerAsCitizen(boolean keyboard) {
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("label[for=group-CITIZEN]"))).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("a-q1-4")));
        if (keyboard) {
            // focus the scale and move with the arrow keys, as a keyboard user would
            WebElement first = browser.findElement(By.id("a-q1-1"));
            first.sendKeys(Keys.SPACE);
            first.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        } else {
            browser.findElement(By.cssSelector("label[for=a-q1-4]")).click();
        }
        browser.findElement(By.cssSelector("label[for=a-q2-SATISFIED]")).click();
        browser.findElement(By.id("a-q3")).sendKeys("窗口人员很耐心");
    }

    @Test
    void aCitizenAnswersOnAPhoneAndSeesTheThankYou() throws Exception {
        String s = subject();
        String id = survey(s, "PUBLIC");
        Chromium.consoleErrors(browser); // what the other tests left there
        browser.get(RestAssured.baseURI + "/s/" + id);
        waiting().until(ExpectedConditions.textToBe(By.id("title"), "政务服务大厅满意度调查"));
        assertEquals("zh-CN", browser.findElement(By.tagName("html")).getAttribute("lang"));

        // submitting with nothing chosen says what is missing, in an alert
        browser.findElement(By.id("submit")).click();
        assertTrue(alert().getText().contains("请先选择您的身份"), alert().getText());
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("label[for=group-CITIZEN]"))).click();
        browser.findElement(By.id("submit")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("alert"), "办事流程是否便捷"));
        assertTrue(browser.findElement(By.id("q-q1")).getAttribute("class").contains("invalid"));

        answerAsCitizen(true);
        // every control has a label the screen reader announces
        Object unlabeled = ((JavascriptExecutor) browser).executeScript("return Array.from(document.querySelectorAll("
                + "'input, textarea')).filter(i => !(i.labels && i.labels.length) && !i.getAttribute('aria-labelledby'))"
                + ".length");
        assertEquals(0L, unlabeled);
        assertEquals(List.of(), Chromium.consoleErrors(browser), "the form loads without an error in the console");
        shot("survey-form-zh");
        // a send answered 503 (the service's database restarting) says so, and keeps what was typed
        ((JavascriptExecutor) browser).executeScript("window.realFetch = window.fetch;"
                + "window.fetch = function (u, o) { if (o && o.method === 'POST') { return Promise.resolve("
                + " new Response(JSON.stringify({ status: 503, title: 'Service unavailable' }), { status: 503,"
                + " headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '5' } })); }"
                + " return window.realFetch(u, o); };");
        browser.findElement(By.id("submit")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("alert"), "服务暂时不可用"));
        assertEquals("窗口人员很耐心", browser.findElement(By.id("a-q3")).getAttribute("value"));
        shot("survey-unavailable-zh");
        ((JavascriptExecutor) browser).executeScript("window.fetch = window.realFetch;");
        // the first send reaches the service, and its answer is lost on the way back (a phone between two cells)
        ((JavascriptExecutor) browser).executeScript("var real = window.fetch, lost = false;"
                + "window.fetch = function (u, o) { var p = real(u, o);"
                + " if (o && o.method === 'POST' && !lost) { lost = true;"
                + " return p.then(function () { throw new TypeError('answer lost'); }); } return p; };");
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("submit"))).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("alert"), "网络连接失败"));
        // the citizen tries again: the same response, received once
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("submit"))).click();
        WebElement thanks = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("thanks")));
        assertTrue(thanks.getText().contains("感谢您的参与"), thanks.getText());
        shot("survey-thanks-zh");

        // stored once, as answered: Likert 4 → 75, 满意 → 80: score 77.5; the text kept
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/surveys/{id}/responses", id).then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].score", equalTo(77.5f))
                .body("items[0].group", equalTo("CITIZEN"));

        // a page whose survey cannot be loaded just now (a 503) says to reload it later, not that it does not exist
        var chrome = (org.openqa.selenium.chrome.ChromeDriver) browser;
        Object script = chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.fetch = function () { return Promise.resolve(new Response('{}',"
                        + " { status: 503, headers: { 'Content-Type': 'application/problem+json' } })); };"))
                .get("identifier");
        try {
            browser.get(RestAssured.baseURI + "/s/" + id);
            assertTrue(alert().getText().contains("请稍后刷新本页"), alert().getText());
            assertTrue(!browser.findElement(By.id("form")).isDisplayed());
        } finally {
            chrome.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script));
        }

        // English on request
        browser.get(RestAssured.baseURI + "/s/" + id);
        waiting().until(ExpectedConditions.textToBe(By.id("title"), "政务服务大厅满意度调查"));
        browser.findElement(By.id("lang")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("title"), "Service hall satisfaction survey"));
        assertEquals("en", browser.findElement(By.tagName("html")).getAttribute("lang"));
        assertTrue(browser.getCurrentUrl().contains("lang=en"));
        shot("survey-form-en");

        // closed: a clear message, no form
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/surveys/{id}/close", id).then().statusCode(200);
        browser.get(RestAssured.baseURI + "/s/" + id);
        assertTrue(alert().getText().contains("已经结束"), alert().getText());
        assertTrue(!browser.findElement(By.id("form")).isDisplayed());
        shot("survey-closed");
    }

    @Test
    void anInvitationLinkAnswersOnceAndThenSaysSo() throws Exception {
        String s = subject();
        String id = survey(s, "TOKEN");
        String link = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("count", 1, "channel", "WEB")).post("/api/v1/surveys/{id}/tokens", id).then()
                .statusCode(201).extract().path("invitations[0].link");

        browser.get(RestAssured.baseURI + "/s/" + id);
        assertTrue(alert().getText().contains("仅限受邀者"), alert().getText());

        browser.get(RestAssured.baseURI + link);
        waiting().until(ExpectedConditions.textToBe(By.id("title"), "政务服务大厅满意度调查"));
        answerAsCitizen(false);
        browser.findElement(By.id("submit")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("thanks")));

        browser.get(RestAssured.baseURI + link);
        waiting().until(ExpectedConditions.textToBe(By.id("title"), "政务服务大厅满意度调查"));
        answerAsCitizen(false);
        browser.findElement(By.id("submit")).click();
        assertTrue(alert().getText().contains("已经使用过"), alert().getText());
        shot("survey-invitation-used");

        // the page is served with strict security headers
        given().get("/s/{id}", id).then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'"))
                .header("Referrer-Policy", equalTo("no-referrer")).header("X-Content-Type-Options", equalTo("nosniff"));
    }
}
