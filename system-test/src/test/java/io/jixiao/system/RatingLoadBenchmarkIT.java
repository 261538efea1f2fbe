package io.jixiao.system;

import static io.restassured.RestAssured.given;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void suite() {
        Suite.atGateway();
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

    static String rating(String subject, int score) {
        return "{\"subject\":\"" + subject + "\",\"party\":\"SUPERIOR\",\"criteria\":[{\"code\":\"GOAL_ACHIEVEMENT\","
                + "\"score\":" + score + "}]}";
    }

    /** Closed-loop load: {@code clients} threads submitting ratings for {@code seconds}; see Suite.closedLoop. */
    static long[] closedLoop(String cycle, List<String> subjects, int clients, int seconds) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            tokens.add(TestTokens.superior("ev" + w));
        }
        return Suite.closedLoop(clients, seconds, (worker, i) -> Suite.lean().post("/api/v1/cycles/" + cycle
                + "/ratings", rating(subjects.get((int) (i % subjects.size())), 50 + (int) (i % 50)), false,
                LeanHttp.bearer(tokens.get(worker))).status() == 201);
    }

    @Test
    void ratingThroughputAgainstPgbenchAndTimeToVisibleComposite() throws Exception {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < SUBJECTS; i++) {
            subjects.add("LOAD" + i);
        }
        // the services were just started: warm their JIT up first, as any long-running service is. Each round rates
        // in a cycle of its own, as the measured run does: its first ratings fill empty slots, the rest replace them.
        // (Warmed on one cycle only, every rating after the first round was a replacement, the compiled code had never
        // seen an empty slot, and the measured run's new cycle set the compilers off again: 35% of the services' CPU.)
        var round = new java.util.concurrent.atomic.AtomicInteger();
        System.out.println();
        Suite.warmUntilJitSettles("ratings", 18, () -> closedLoop(cycleWith(subjects, CONCURRENCY,
                String.valueOf(2040 + round.incrementAndGet())), subjects, CONCURRENCY, 10));

        double pgbenchTps = pgbench(CONCURRENCY, SECONDS);
        String cycle = cycleWith(subjects, CONCURRENCY, "2032");
        long[] before = Suite.started().cpuTicks();
        Map<String, Long> cpuBefore = Suite.started().cpuByProcess();
        Statements.reset();
        long[] r = closedLoop(cycle, subjects, CONCURRENCY, SECONDS);
        Statements.print("rating", r[0]);
        double jit = Suite.jitShare(before, Suite.started().cpuTicks());
        Suite.printCpuPerCall("rating", cpuBefore, Suite.started().cpuByProcess(), r);
        double ratingTps = r[0] / (double) SECONDS;
        System.out.printf(
                "[bench] pgbench single-row insert (uuid, jsonb, timestamptz), %d clients, %d s: %.0f tps%n",
                CONCURRENCY, SECONDS, pgbenchTps);
        System.out.printf("[bench] ratings through the gateway with the ledger, %d clients, %d s: %.0f/s accepted"
                + " (%d failed) = %.1f%% of pgbench; JIT compilers %.0f%% of the services' CPU meanwhile; load client"
                + " %.0f µs CPU per call%n", CONCURRENCY, SECONDS, ratingTps, r[1], 100 * ratingTps / pgbenchTps,
                100 * jit, Suite.clientMicrosPerCall(r));
        Assertions.assertEquals(0, r[1]);
        long stored = given().auth().oauth2(TestTokens.admin()).queryParam("size", 1)
                .get("/api/v1/cycles/{id}/ledger", cycle).then().statusCode(200).extract().jsonPath()
                .getLong("totalItems");
        Assertions.assertEquals(r[0], stored, "every accepted rating is on the ledger");
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/ledger/verify", cycle).then()
                .statusCode(200).body("valid", org.hamcrest.Matchers.equalTo(true));

        visibleCompositeLatency();
    }

    /**
     * Open loop: 200 ratings per second for 10 s, sent on schedule whatever the answers take (each from a thread of a
     * pool large enough that none waits for a free one), spread over 40 subjects that each have one superior (so a
     * subject's SUPERIOR mean is that superior's last rating, and each subject's scores rise: rating k of a subject
     * scores k). Meanwhile one reader reads the cycle's provisional league table back to back, as a portal watching it
     * would; a rating's latency is the time from its 201 to the end of the first read that shows it (0 if a read that
     * ended before the 201 arrived showed it already).
     *
     * <p>Until session 6 every accepted rating started its own back-to-back reads of its subject's result: at 200
     * ratings per second that was several reads per rating in flight at once, and the reads, not the ratings, filled
     * the two cores. One reader of the whole table keeps the reads to one at a time.
     */
    void visibleCompositeLatency() throws Exception {
        // the closed-loop warm-up never read a league table: the first run warms the read path (its own cycle), and
        // is printed, not judged
        visibility("first run, read path cold", "2034", false);
        visibility("measured", "2033", true);
    }

    private void visibility(String label, String period, boolean judged) throws Exception {
        int slots = 40;
        int perSubject = 50;
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            subjects.add("VIS" + i);
        }
        String cycle = cycleWithOneSuperiorEach(subjects, period);
        String admin = TestTokens.admin();
        // each superior signs in once and sends its token with every rating, as a client does; signing a new token
        // per rating cost the test JVM an RSA signature, and the gateway and the service a full verification, each time
        List<String[]> tokens = new ArrayList<>();
        for (int slot = 0; slot < slots; slot++) {
            tokens.add(LeanHttp.bearer(TestTokens.superior("vis-ev" + slot)));
        }
        // the run before this one leaves work behind (ledger links, outbox rows, consumers' backlogs):
        // 200/s is measured on a machine that has finished it, and how long that took is printed
        long drainStart = System.nanoTime();
        boolean quiet;
        try (Commits commits = new Commits()) {
            quiet = commits.awaitQuiet(1_000, 120_000);
        }
        System.out.printf("[bench] %s: before it, the cluster %s after %.1f s%n", label, quiet
                ? "went quiet"
                : "was still writing", (System.nanoTime() - drainStart) / 1e9);
        long[][] accepted = new long[slots][perSubject + 1];
        long[][] visible = new long[slots][perSubject + 1];
        AtomicLong refused = new AtomicLong();
        AtomicLong late = new AtomicLong();
        int total = slots * perSubject;
        var sent = new java.util.concurrent.CountDownLatch(total);
        var senders = Executors.newFixedThreadPool(64);
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        AtomicLong seq = new AtomicLong();
        scheduler.scheduleAtFixedRate(() -> {
            long n = seq.getAndIncrement();
            if (n >= total) {
                return;
            }
            long due = System.nanoTime();
            int slot = (int) (n % slots);
            int score = (int) (n / slots) + 1; // 1..50, rising per subject
            senders.execute(() -> {
                if (System.nanoTime() - due > TimeUnit.MILLISECONDS.toNanos(20)) {
                    late.incrementAndGet(); // the pool was too small: the load was not open-loop for this one
                }
                try {
                    int status = Suite.lean().post("/api/v1/cycles/" + cycle + "/ratings", rating(subjects.get(slot),
                            score), false, tokens.get(slot)).status();
                    if (status == 201) {
                        accepted[slot][score] = System.nanoTime();
                    } else {
                        refused.incrementAndGet();
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    refused.incrementAndGet();
                } finally {
                    sent.countDown();
                }
            });
        }, 0, 5, TimeUnit.MILLISECONDS);
        long reads = 0;
        try (LeanHttp reader = new LeanHttp(RestAssured.baseURI)) {
            long stopAt = Long.MAX_VALUE;
            long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < Math.min(stopAt, giveUpAt)) {
                String body = reader.get("/api/v1/cycles/" + cycle + "/results?size=" + slots, true,
                        LeanHttp.bearer(admin)).body();
                long at = System.nanoTime();
                reads++;
                for (JsonNode result : JSON.readTree(body).path("items")) {
                    int slot = subjects.indexOf(result.path("subject").asText());
                    double mean = superiorMean(result);
                    for (int k = 1; slot >= 0 && k <= Math.min(perSubject, (int) mean); k++) {
                        if (visible[slot][k] == 0) {
                            visible[slot][k] = at;
                        }
                    }
                }
                if (stopAt == Long.MAX_VALUE && sent.getCount() == 0) {
                    stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // what is not visible by then is lost
                }
            }
        }
        scheduler.shutdownNow();
        senders.shutdownNow();
        Suite.closeAllLean();
        List<Long> latencies = new ArrayList<>();
        long missing = 0;
        long[] worstBySecond = new long[total / 200 + 1];
        for (int slot = 0; slot < slots; slot++) {
            for (int k = 1; k <= perSubject; k++) {
                if (accepted[slot][k] == 0) {
                    continue;
                }
                if (visible[slot][k] == 0) {
                    missing++;
                } else {
                    long micros = Math.max(0, visible[slot][k] - accepted[slot][k]) / 1000;
                    latencies.add(micros);
                    int second = ((k - 1) * slots + slot) / 200; // rating n was due at n × 5 ms
                    worstBySecond[second] = Math.max(worstBySecond[second], micros);
                }
            }
        }
        StringBuilder bySecond = new StringBuilder();
        for (int second = 0; second < worstBySecond.length; second++) {
            bySecond.append(second == 0 ? "" : ", ").append(worstBySecond[second] / 1000);
        }
        System.out.println("[bench] " + label + ": worst latency (ms) of the ratings sent in each second: " + bySecond);
        Collections.sort(latencies);
        long p50 = latencies.get(latencies.size() / 2);
        long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
        System.out.printf("[bench] %s: accepted rating → provisional composite showing it, 200 ratings/s for 10 s"
                + " (open loop, one reader of the league table, %d reads): %d measured, %d refused, %d never visible,"
                + " %d sent late, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n%n", label, reads, latencies.size(),
                refused.get(), missing, late.get(), p50 / 1000.0, p99 / 1000.0,
                latencies.get(latencies.size() - 1) / 1000.0);
        if (judged) {
            Assertions.assertEquals(0, refused.get());
            Assertions.assertEquals(0, missing);
        }
    }

    /** The mean of a result's SUPERIOR ratings (the one superior's last rating), 0 when it has none. */
    static double superiorMean(JsonNode result) {
        for (JsonNode p : result.path("parties")) {
            if (p.path("party").asText().equals("SUPERIOR")) {
                return p.path("ratingsMean").asDouble(0);
            }
        }
        return 0;
    }

    static String cycleWithOneSuperiorEach(List<String> subjects, String period) {
        String admin = TestTokens.admin();
        for (String s : subjects) {
            given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("code", s, "nameZh", "压测单位" + s, "level", "DEPARTMENT")).post("/api/v1/subjects");
        }
        String cycle = ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "可见性", "period", period, "subjects", subjects)).post("/api/v1/cycles"))
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

    /** pgbench against a fresh database of the same cluster: single-row inserts, the same concurrency. */
    static double pgbench(int clients, int seconds) throws Exception {
        LocalPostgres pg = Suite.postgres();
        String url = pg.freshDatabase("pgbench_ratings");
        String db = url.substring(url.lastIndexOf('/') + 1);
        try (var c = java.sql.DriverManager.getConnection(url, pg.username(), pg.password());
                var st = c.createStatement()) {
            st.execute("create table t (id uuid primary key, payload jsonb not null, created timestamptz not null)");
            try (var rs = st.executeQuery("select current_setting('fsync'), current_setting('synchronous_commit')")) {
                rs.next();
                System.out.printf("[bench] PostgreSQL cluster shared by the services and pgbench: fsync=%s,"
                        + " synchronous_commit=%s%n", rs.getString(1), rs.getString(2));
            }
        }
        return pgbench(db, "insert into t (id, payload, created) values (gen_random_uuid(), '{\"a\": 1}', now());\n",
                false, clients, seconds);
    }

    /**
     * pgbench running {@code script} against a database of the suite's cluster; {@code prepared} uses the extended
     * protocol with server-side prepared statements, as the services' JDBC driver does once a statement repeats.
     */
    static double pgbench(String db, String script, boolean prepared, int clients, int seconds) throws Exception {
        LocalPostgres pg = Suite.postgres();
        Path file = Files.createTempFile("pgbench", ".sql");
        Files.writeString(file, script);
        Path bin = Path.of("/usr/lib/postgresql/15/bin/pgbench");
        for (String v : List.of("17", "16", "15", "14")) {
            if (Files.isExecutable(Path.of("/usr/lib/postgresql", v, "bin", "pgbench"))) {
                bin = Path.of("/usr/lib/postgresql", v, "bin", "pgbench");
                break;
            }
        }
        List<String> cmd = new java.util.ArrayList<>(List.of(bin.toString(), "-n", "-h", "127.0.0.1", "-p",
                String.valueOf(pg.port()), "-U", pg.username(), "-c", String.valueOf(clients), "-j", "2", "-T",
                String.valueOf(seconds), "-f", file.toString()));
        if (prepared) {
            cmd.addAll(List.of("-M", "prepared"));
        }
        cmd.add(db);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", pg.password());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(seconds + 30, TimeUnit.SECONDS);
        Files.deleteIfExists(file);
        Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        if (!m.find() || out.contains("error")) {
            throw new IllegalStateException("pgbench said: " + out);
        }
        return Double.parseDouble(m.group(1));
    }
}
