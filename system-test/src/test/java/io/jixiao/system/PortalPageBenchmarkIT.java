package io.jixiao.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.jixiao.testsupport.TestTokens;

/**
 * Issue 7's portal number: a department's page of the demo city, fully loaded in headless Chromium until it is drawn
 * (radar included) and interactive, measured in the browser from navigation start. The demo city is loaded into the
 * suite with tools/demo/DemoCity.java, or an already running local suite is used with -Djixiao.portal.base=URL.
 * Prints the numbers. Run: ./mvnw -Pbench -pl system-test verify -Dit.test=PortalPageBenchmarkIT
 */
@Tag("benchmark")
class PortalPageBenchmarkIT {

    static final int LOADS = 15;
    static WebDriver browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        base = System.getProperty("jixiao.portal.base");
        if (base == null) {
            base = Suite.started().gateway();
            Path root = Path.of(System.getProperty("user.dir")).getParent();
            Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    root.resolve("tools/demo/DemoCity.java").toString(), base).inheritIO().start();
            if (!demo.waitFor(10, TimeUnit.MINUTES) || demo.exitValue() != 0) {
                throw new IllegalStateException("the demo city did not load");
            }
        }
        browser = Chromium.start(1280, 900, "zh-CN");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void departmentPageOfTheDemoCity() throws Exception {
        browser.get(base + "/#/login");
        String token = System.getProperty("jixiao.portal.base") == null ? TestTokens.admin() : null;
        ((JavascriptExecutor) browser).executeScript(token != null
                ? "sessionStorage.setItem('jx.token', arguments[0])"
                : "return fetch('/auth/token?role=admin').then(r => r.json()).then(t => sessionStorage.setItem('jx.token', t.access_token))",
                token);
        List<Long> dept = new ArrayList<>();
        List<Long> league = new ArrayList<>();
        for (int i = 0; i < LOADS + 2; i++) {
            long d = load("/?r=" + i + "#/dept/FIN?period=2025", "dept");
            long l = load("/?r=" + i + "#/league?period=2025", "league");
            if (i >= 2) { // the first two loads warm the services' and the browser's caches
                dept.add(d);
                league.add(l);
            }
        }
        Chromium.shot(browser, "portal-demo-league");
        // the education bureau's page of 2026, at the history of its scorecard's configuration (changed mid-year)
        load("/?r=history#/dept/EDU?period=2026", "dept");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('scorecard-history').scrollIntoView()");
        Chromium.shot(browser, "portal-demo-history");
        Collections.sort(dept);
        Collections.sort(league);
        System.out.printf("PORTAL demo city, %d full loads each (target < 1500 ms): department page median %d ms, "
                + "max %d ms; league page median %d ms, max %d ms%n", LOADS, dept.get(LOADS / 2),
                dept.get(LOADS - 1), league.get(LOADS / 2), league.get(LOADS - 1));
    }

    /** Milliseconds from navigation start until the view is drawn (body data-ready) on a full page load. */
    long load(String path, String view) {
        browser.get(base + path);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> view.equals(
                ((JavascriptExecutor) d).executeScript("return document.body.dataset.ready")));
        Object ms = ((JavascriptExecutor) browser).executeScript(
                "var t = window.__portalTimings; return Math.round(t[t.length - 1].sinceNavigation);");
        return ((Number) ms).longValue();
    }
}
