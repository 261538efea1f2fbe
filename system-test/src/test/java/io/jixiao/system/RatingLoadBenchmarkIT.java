package io.jixiao.system;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.LocalPostgres;
import io.jixiao.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Issue 4's numbers, measured in one run on this machine: rating submissions through the gateway (ledger on) against
 * pgbench's single-row insert at the same concurrency on the same PostgreSQL cluster; and the time from an accepted
 * rating to the provisional composite that shows it, at 200 ratings per second. Prints the numbers.
 * Run: ./mvnw -Pbench -pl system-test verify (after ./mvnw install -DskipTests)
 */
@Tag("benchmark")
class RatingLoadBenchmarkIT {

    static final int CONCURRENCY = 8;
    static final int SECONDS = 15;
    static final int SUBJECTS = 40;

    static HttpClient http;

    @BeforeAll
    static void suite() {
        Suite.atGateway();
        http = Suite.loadClient();
    }

    static String cycleWith(List<String> subjects, int evaluators, String period) {
        String admin = TestTokens.admin();
        for (String s : subjects) {
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("code", s, "nameZh", "压测单位" + s, "level", "DEPARTMENT")).post("/api/v1/subjects");
        }
        String cycle = ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "压测", "period", period, "subjects", subjects)).post("/api/v1/cycles")).path("id");
        List<Map<String, Object>> assignments = new ArrayList<>();
        for (int e = 0; e < evaluators; e++) {
            for (String s : subjects) {
                assignments.add(Map.of("party", "SUPERIOR", "evaluator", "ev" + e, "subject", s));
            }
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("assignments", assignments))
                .post("/api/v1/cycles/{id}/assignments", cycle).then().statusCode(200);
        given().auth().oauth2(admin).post("/api/v1/cycles/{id}/open", cycle).then().statusCode(200);
        return cycle;
    }

    static HttpRequest rating(String cycle, String token, String subject, int score) {
        return HttpRequest.newBuilder(URI.create(RestAssured.baseURI + "/api/v1/cycles/" + cycle + "/ratings"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"" + subject + "\",\"party\":\"SUPERIOR\","
                        + "\"criteria\":[{\"code\":\"GOAL_ACHIEVEMENT\",\"score\":" + score + "}]}"))
                .build();
    }

    /** Closed-loop load: {@code clients} threads submitting ratings for {@code seconds}; returns [ok, failed]. */
    static long[] closedLoop(String cycle, List<String> subjects, int clients, int seconds) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            tokens.add(TestTokens.superior("ev" + w));
        }
        return Suite.closedLoop(clients, seconds, (worker, i) -> http.send(rating(cycle, tokens.get(worker),
                subjects.get((int) (i % subjects.size())), 50 + (int) (i % 50)), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 201);
    }

    @Test
    void ratingThroughputAgainstPgbenchAndTimeToVisibleComposite() throws Exception {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < SUBJECTS; i++) {
            subjects.add("LOAD" + i);
        }
        // the services were just started: warm their JIT up on another cycle first, as any long-running service is
        String warm = cycleWith(subjects, CONCURRENCY, "2031");
        System.out.println();
        Suite.warmUntilJitSettles("ratings", 18, () -> closedLoop(warm, subjects, CONCURRENCY, 10));

        double pgbenchTps = pgbench(CONCURRENCY, SECONDS);
        String cycle = cycleWith(subjects, CONCURRENCY, "2032");
        long[] before = Suite.started().cpuTicks();
        long[] r = closedLoop(cycle, subjects, CONCURRENCY, SECONDS);
        double jit = Suite.jitShare(before, Suite.started().cpuTicks());
        double ratingTps = r[0] / (double) SECONDS;
        System.out.printf(
                "[bench] pgbench single-row insert (uuid, jsonb, timestamptz), %d clients, %d s: %.0f tps%n",
                CONCURRENCY, SECONDS, pgbenchTps);
        System.out.printf("[bench] ratings through the gateway with the ledger, %d clients, %d s: %.0f/s accepted"
                + " (%d failed) = %.1f%% of pgbench; JIT compilers %.0f%% of the services' CPU meanwhile%n",
                CONCURRENCY,
                SECONDS, ratingTps, r[1], 100 * ratingTps / pgbenchTps, 100 * jit);
        Assertions.assertEquals(0, r[1]);
        long stored = given().auth().oauth2(TestTokens.admin()).get("/api/v1/cycles/{id}/ledger", cycle).then()
                .statusCode(200).extract().jsonPath().getList("$").size();
        Assertions.assertEquals(r[0], stored, "every accepted rating is on the ledger");
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/ledger/verify", cycle).then()
                .statusCode(200).body("valid", org.hamcrest.Matchers.equalTo(true));

        visibleCompositeLatency();
    }

    /**
     * Open loop: 200 ratings per second for 10 s, sent on schedule whatever the answers take, spread over 40 subjects
     * that each have one superior (so a subject's SUPERIOR mean is that superior's last rating, and each subject's
     * scores rise: rating k of a subject scores k). After each 201, the provisional result is read until its mean
     * reaches that score; the time from the 201 to that read is the latency.
     */
    void visibleCompositeLatency() throws Exception {
        int slots = 40;
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            subjects.add("VIS" + i);
        }
        String cycle = cycleWithOneSuperiorEach(subjects);
        String admin = TestTokens.admin();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong missing = new AtomicLong();
        int total = 200 * 10;
        var done = new java.util.concurrent.CountDownLatch(total);
        var scheduler = Executors.newScheduledThreadPool(2);
        AtomicLong seq = new AtomicLong();
        scheduler.scheduleAtFixedRate(() -> {
            long n = seq.getAndIncrement();
            if (n >= total) {
                return;
            }
            int slot = (int) (n % slots);
            int score = (int) (n / slots) + 1; // 1..50, rising per subject
            String subject = subjects.get(slot);
            http.sendAsync(rating(cycle, TestTokens.superior("vis-ev" + slot), subject, score),
                    HttpResponse.BodyHandlers.discarding()).thenAccept(resp -> {
                        if (resp.statusCode() != 201) {
                            missing.incrementAndGet();
                            done.countDown();
                            return;
                        }
                        long accepted = System.nanoTime();
                        pollUntilVisible(cycle, subject, score, admin, accepted, latencies, missing, done);
                    }).exceptionally(e -> {
                        missing.incrementAndGet();
                        done.countDown();
                        return null;
                    });
        }, 0, 5, TimeUnit.MILLISECONDS);
        done.await(120, TimeUnit.SECONDS);
        scheduler.shutdownNow();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        long p50 = sorted.get(sorted.size() / 2);
        long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
        System.out.printf("[bench] accepted rating → provisional composite showing it, 200 ratings/s for 10 s (open"
                + " loop): %d measured, %d missing, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n%n", sorted.size(),
                missing.get(), p50 / 1000.0, p99 / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
        Assertions.assertEquals(0, missing.get());
    }

    void pollUntilVisible(String cycle, String subject, int score, String admin, long accepted, List<Long> latencies,
            AtomicLong missing, java.util.concurrent.CountDownLatch done) {
        http.sendAsync(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + "/api/v1/cycles/" + cycle + "/results/"
                + subject)).header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString())
                .thenAccept(g -> {
                    long elapsed = System.nanoTime() - accepted;
                    if (meanAtLeast(g.body(), score)) {
                        latencies.add(elapsed / 1000);
                        done.countDown();
                    } else if (elapsed > TimeUnit.SECONDS.toNanos(10)) {
                        missing.incrementAndGet();
                        done.countDown();
                    } else {
                        pollUntilVisible(cycle, subject, score, admin, accepted, latencies, missing, done);
                    }
                }).exceptionally(e -> {
                    missing.incrementAndGet();
                    done.countDown();
                    return null;
                });
    }

    static String cycleWithOneSuperiorEach(List<String> subjects) {
        String admin = TestTokens.admin();
        for (String s : subjects) {
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("code", s, "nameZh", "压测单位" + s, "level", "DEPARTMENT")).post("/api/v1/subjects");
        }
        String cycle = ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "可见性", "period", "2033", "subjects", subjects)).post("/api/v1/cycles"))
                .path("id");
        List<Map<String, Object>> assignments = new ArrayList<>();
        for (int i = 0; i < subjects.size(); i++) {
            assignments.add(Map.of("party", "SUPERIOR", "evaluator", "vis-ev" + i, "subject", subjects.get(i)));
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("assignments", assignments))
                .post("/api/v1/cycles/{id}/assignments", cycle).then().statusCode(200);
        given().auth().oauth2(admin).post("/api/v1/cycles/{id}/open", cycle).then().statusCode(200);
        return cycle;
    }

    /** The provisional result's SUPERIOR party mean is the last rating of that single evaluator. */
    static boolean meanAtLeast(String json, int score) {
        Matcher m = Pattern.compile("\"ratingsMean\":([0-9.]+)").matcher(json);
        return m.find() && Double.parseDouble(m.group(1)) >= score;
    }

    /** pgbench against a fresh database of the same cluster: single-row inserts, the same concurrency. */
    static double pgbench(int clients, int seconds) throws Exception {
        LocalPostgres pg = Suite.postgres();
        String url = pg.freshDatabase("pgbench_ratings");
        String db = url.substring(url.lastIndexOf('/') + 1);
        Path script = Files.createTempFile("insert", ".sql");
        Files.writeString(script,
                "insert into t (id, payload, created) values (gen_random_uuid(), '{\"a\": 1}', now());\n");
        try (var c = java.sql.DriverManager.getConnection(url, pg.username(), pg.password());
                var st = c.createStatement()) {
            st.execute("create table t (id uuid primary key, payload jsonb not null, created timestamptz not null)");
        }
        Path bin = Path.of("/usr/lib/postgresql/15/bin/pgbench");
        for (String v : List.of("17", "16", "15", "14")) {
            if (Files.isExecutable(Path.of("/usr/lib/postgresql", v, "bin", "pgbench"))) {
                bin = Path.of("/usr/lib/postgresql", v, "bin", "pgbench");
                break;
            }
        }
        ProcessBuilder pb = new ProcessBuilder(bin.toString(), "-n", "-h", "127.0.0.1", "-p", String.valueOf(pg.port()),
                "-U", pg.username(), "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf(seconds), "-f",
                script.toString(), db).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", pg.password());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(seconds + 30, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("pgbench said: " + out);
        }
        return Double.parseDouble(m.group(1));
    }
}
