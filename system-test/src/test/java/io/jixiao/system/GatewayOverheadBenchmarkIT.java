package io.jixiao.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.TestTokens;
import io.restassured.http.ContentType;

/**
 * Issue 7's gateway number, measured in one run: a cheap authenticated GET (one subject by code) straight at
 * indicator-service and through the gateway (token verified, route and role checked, rate-limited, streamed).
 * Latency with one client, the two paths interleaved so drift hits both alike; throughput with 8 clients each way.
 * Prints the numbers. Run: ./mvnw -Pbench -pl system-test verify -Dit.test=GatewayOverheadBenchmarkIT
 */
@Tag("benchmark")
class GatewayOverheadBenchmarkIT {

    static final int ROUNDS = 3000;
    static final int CLIENTS = 8;
    static final int SATURATING = 32;
    static final int SECONDS = 10;
    static String token;

    @BeforeAll
    static void suite() {
        Suite.atGateway();
        token = TestTokens.admin();
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("code", "GWBENCH", "nameZh", "网关压测单位", "level", "DEPARTMENT")).post("/api/v1/subjects");
    }

    static final String PATH = "/api/v1/subjects/GWBENCH";

    static long once(LeanHttp c) throws Exception {
        long t0 = System.nanoTime();
        LeanHttp.Response res = c.get(PATH, true, LeanHttp.bearer(token));
        long t = System.nanoTime() - t0;
        assertEquals(200, res.status());
        return t;
    }

    @Test
    void gatewayOverheadOnACheapAuthenticatedGet() throws Exception {
        String direct = Suite.started().service("indicator");
        String gateway = Suite.started().gateway();
        LeanHttp d = new LeanHttp(direct);
        LeanHttp g = new LeanHttp(gateway);
        for (int i = 0; i < 2000; i++) { // warm both paths (JIT, pools, token cache)
            once(d);
            once(g);
        }
        // then under load, as the other benchmarks do, until the compilers settle: a half-compiled gateway measured
        // against a compiled service (or the reverse) would say more about the JIT than about the hop
        Suite.warmUntilJitSettles("GETs direct and through the gateway", 8, () -> {
            throughput(direct, null, CLIENTS);
            throughput(gateway, null, CLIENTS);
        });
        long[] ld = new long[ROUNDS];
        long[] lg = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            if (i % 2 == 0) {
                ld[i] = once(d);
                lg[i] = once(g);
            } else {
                lg[i] = once(g);
                ld[i] = once(d);
            }
        }
        Arrays.sort(ld);
        Arrays.sort(lg);
        double p50d = ld[ROUNDS / 2] / 1e6;
        double p50g = lg[ROUNDS / 2] / 1e6;
        double p99d = ld[ROUNDS * 99 / 100] / 1e6;
        double p99g = lg[ROUNDS * 99 / 100] / 1e6;
        d.close();
        g.close();
        double tputD = throughput(direct, "GET straight at the service", CLIENTS);
        double tputG = throughput(gateway, "GET through the gateway", CLIENTS);
        // with 8 clients the two-hop path leaves the cores partly idle (each call waits on two exchanges): its CPU per
        // call allows more than it reaches. With enough clients to fill the cores, both paths run at what the CPU allows
        double satD = throughput(direct, "GET straight at the service, " + SATURATING + " clients", SATURATING);
        double satG = throughput(gateway, "GET through the gateway, " + SATURATING + " clients", SATURATING);
        System.out.printf("GATEWAY one client: p50 direct %.2f ms, via gateway %.2f ms, added %.2f ms (target < 1 ms);"
                + " p99 %.2f vs %.2f ms%n", p50d, p50g, p50g - p50d, p99d, p99g);
        System.out.printf(
                "GATEWAY %d clients, %d s each: direct %.0f/s, via gateway %.0f/s = %.0f%% (target >= 70%%)%n",
                CLIENTS, SECONDS, tputD, tputG, 100 * tputG / tputD);
        System.out.printf("GATEWAY %d clients, %d s each: direct %.0f/s, via gateway %.0f/s = %.0f%%%n", SATURATING,
                SECONDS, satD, satG, 100 * satG / satD);
    }

    /** Closed-loop GETs from {@code clients} clients; prints the CPU each process spent per call when labelled. */
    static double throughput(String base, String label, int clients) throws Exception {
        LeanHttp[] conns = new LeanHttp[clients];
        for (int i = 0; i < clients; i++) {
            conns[i] = new LeanHttp(base);
        }
        var cpuBefore = Suite.started().cpuByProcess();
        long t0 = System.nanoTime();
        long[] done = Suite.closedLoop(clients, SECONDS, (worker, i) -> conns[worker].get(PATH, true, LeanHttp.bearer(
                token)).status() == 200);
        double rate = done[0] / ((System.nanoTime() - t0) / 1e9);
        if (label != null) {
            Suite.printCpuPerCall(label, cpuBefore, Suite.started().cpuByProcess(), done);
        }
        for (LeanHttp c : conns) {
            c.close();
        }
        if (done[1] > 0) {
            throw new IllegalStateException(done[1] + " calls were not answered 200");
        }
        return rate;
    }
}
