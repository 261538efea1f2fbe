package io.jixiao.system;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.TestTokens;
import io.restassured.http.ContentType;

/**
 * Issue 3's single-value number: POST /api/v1/values through the gateway by a system client at 8 connections (each
 * its own department, every value new, each recomputing its scorecard), against pgbench's single-row insert in the
 * same run. Run: ./mvnw -Pbench -pl system-test verify -Dit.test=ValueLoadBenchmarkIT
 */
@Tag("benchmark")
class ValueLoadBenchmarkIT {

    static final int CONCURRENCY = 8;
    static final int SECONDS = 15;
    static final int INDICATORS = 50;
    static String prefix = "VL" + System.nanoTime() % 10000;

    @BeforeAll
    static void suite() {
        Suite.atGateway();
        String admin = TestTokens.admin();
        List<String> subjects = new ArrayList<>();
        for (int w = 0; w < CONCURRENCY; w++) {
            subjects.add(prefix + "S" + w);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", prefix + "S" + w, "nameZh",
                    "压测单位" + w, "level", "DEPARTMENT")).post("/api/v1/subjects").then().statusCode(201);
        }
        for (int i = 0; i < INDICATORS; i++) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", prefix + "I" + i, "nameZh",
                    "压测指标" + i, "dimension", List.of("POLITICAL", "PUBLIC", "FINANCIAL", "PROCESS", "LEARNING").get(
                            i % 5),
                    "kind", "QUANTITATIVE", "target", 100, "weight", 10, "subjects", subjects))
                    .post("/api/v1/indicators").then().statusCode(201);
        }
    }

    /** Values posted for {@code seconds}; each worker walks its own keys from {@code firstYear}. */
    static long[] load(int seconds, int firstYear) throws Exception {
        String token = TestTokens.system("bench-system");
        return Suite.closedLoop(CONCURRENCY, seconds, (worker, k) -> {
            String body = "{\"subject\":\"" + prefix + "S" + worker + "\",\"indicator\":\"" + prefix + "I" + (k
                    % INDICATORS) + "\",\"period\":\"" + (firstYear + k / INDICATORS) + "\",\"value\":" + (k % 100)
                    + "}";
            return Suite.lean().post("/api/v1/values", body, false, LeanHttp.bearer(token)).status() == 201;
        });
    }

    @Test
    void singleValuesThroughTheGatewayAgainstPgbench() throws Exception {
        int[] year = {3000};
        Suite.warmUntilJitSettles("single values", 18, () -> load(10, year[0] += 200));
        Statements.reset();
        long[] before = Suite.started().cpuTicks();
        Map<String, Long> cpuBefore = Suite.started().cpuByProcess();
        long[] r = load(SECONDS, 8000);
        Statements.print("value", r[0]);
        double jit = Suite.jitShare(before, Suite.started().cpuTicks());
        Suite.printCpuPerCall("value", cpuBefore, Suite.started().cpuByProcess(), r);
        double rate = r[0] / (double) SECONDS;
        double pgbench = RatingLoadBenchmarkIT.pgbench(CONCURRENCY, SECONDS);
        System.out.printf("VALUES through the gateway, %d clients for %d s: %.0f values/s (%d refused) vs pgbench %.0f "
                + "tps = %.1f%% (target >= 50%%); JIT compilers %.0f%% of the services' CPU meanwhile; load client %.0f"
                + " µs CPU per call%n", CONCURRENCY, SECONDS, rate, r[1], pgbench, 100 * rate / pgbench, 100 * jit,
                Suite.clientMicrosPerCall(r));
    }
}
