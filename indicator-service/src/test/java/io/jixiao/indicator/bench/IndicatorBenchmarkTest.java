package io.jixiao.indicator.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jixiao.indicator.service.ScorecardBatch;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 3's numbers, printed: recompute a city (60 subjects × 200 indicators, one period), a province (1,000 × 300 ×
 * 12 periods = 3.6 million values, streamed), and the bulk endpoint's rate into PostgreSQL.
 * Run: ./mvnw -Pbench -pl indicator-service test
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
@Tag("benchmark")
class IndicatorBenchmarkTest {

    @io.quarkus.test.common.http.TestHTTPResource("/api/v1/values/bulk")
    java.net.URI bulkUri;

    @Inject
    EntityManager em;

    @Inject
    ScorecardBatch batch;

    @Transactional
    @io.quarkus.narayana.jta.runtime.TransactionConfiguration(timeout = 1200)
    void load(String prefix, int subjects, int indicators, List<String> periods, boolean common) {
        em.createNativeQuery("insert into subject (code, name_zh, level) select '" + prefix + "S' || g, '单位' || g, "
                + "'DEPARTMENT' from generate_series(1, " + subjects + ") g").executeUpdate();
        String scope = common
                ? "null"
                : "(select jsonb_agg('" + prefix + "S' || g) from generate_series(1, " + subjects
                        + ") g)";
        em.createNativeQuery("insert into indicator (code, name_zh, dimension, kind, polarity, target, weight, "
                + "frequency, subjects) select '" + prefix + "I' || g, '指标' || g, (array['POLITICAL','PUBLIC',"
                + "'FINANCIAL','PROCESS','LEARNING'])[1 + g % 5], 'QUANTITATIVE', 'HIGHER_BETTER', 100, 10, 'YEARLY', "
                + scope + " from generate_series(1, " + indicators + ") g").executeUpdate();
        em.createNativeQuery("insert into indicator_version (indicator_code, version_no, from_month, name_zh, "
                + "dimension, kind, polarity, target, weight, frequency, subjects, created_by) select code, 1, 0, "
                + "name_zh, dimension, kind, polarity, target, weight, frequency, subjects, 'bench' from indicator "
                + "where code like ?1").setParameter(1, prefix + "I%").executeUpdate();
        em.createNativeQuery("insert into indicator_value (subject_code, indicator_code, period, actual, score, light, "
                + "source, reported_by, reported_at) select '" + prefix + "S' || s, '" + prefix + "I' || i, p, "
                + "(s * 7 + i * 13) % 100, (s * 7 + i * 13) % 100, 'GREEN', 'BENCH', 'bench', now() "
                + "from generate_series(1, " + subjects + ") s, generate_series(1, " + indicators
                + ") i, unnest(cast(?1 "
                + "as text[])) p").setParameter(1, periods.toArray(new String[0])).executeUpdate();
    }

    @Transactional
    void nudge(String prefix, String period) {
        em.createNativeQuery("update indicator_value set score = (score + 1) % 100 where period = ?1 and "
                + "subject_code like ?2").setParameter(1, period).setParameter(2, prefix + "S%").executeUpdate();
    }

    static long median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static long heapMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
    }

    @Test
    void numbers() throws Exception {
        // 1. a city: 60 × 200 = 12,000 values in one period
        load("C", 60, 200, List.of("2040"), false);
        batch.recompute(List.of("2040"));
        long[] allChanged = new long[5];
        long[] unchanged = new long[5];
        for (int i = 0; i < 5; i++) {
            nudge("C", "2040");
            long t0 = System.nanoTime();
            ScorecardBatch.Outcome o = batch.recompute(List.of("2040"));
            allChanged[i] = (System.nanoTime() - t0) / 1_000_000;
            if (o.changed() != 60) {
                throw new IllegalStateException("expected 60 changed scorecards, got " + o);
            }
            t0 = System.nanoTime();
            batch.recompute(List.of("2040"));
            unchanged[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        System.out.printf("INDICATOR city 60 × 200 (12,000 values): recompute with every scorecard changed median %d "
                + "ms (runs %s), nothing changed median %d ms (target < 300 ms)%n", median(allChanged),
                Arrays.toString(allChanged), median(unchanged));

        // 2. a province: skipped with -Djixiao.bench.province=false (to iterate on the bulk endpoint alone)
        if (Boolean.parseBoolean(System.getProperty("jixiao.bench.province", "true"))) {
            province();
            league();
        }

        // 3. the bulk endpoint: 10 calls of 10,000 values each for the city's subjects, one new period each. First
        // the service is warmed up on subjects of its own (their history does not touch the measured ones'): the
        // first calls into a fresh JVM run interpreted code and the JIT compilers take a core for a while, which a
        // deployed service did long ago. Warm-up calls go on until three calls in a row each compile for less than a
        // tenth of their time (one quiet call is not enough: C2 takes up Hibernate's query methods half a second
        // each, late, since they run only a few hundred times a call). Each warm-up call prints as rate/JIT ms.
        load("W", 50, 200, List.of(), false);
        String admin = TestTokens.admin();
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        List<String> warmUp = new ArrayList<>();
        int quiet = 0;
        for (int call = 0; call < 90 && quiet < 3; call++) {
            long jit0 = jit.getTotalCompilationTime();
            long t0 = System.nanoTime();
            long rate = bulkCall(http, admin, "WS", String.format("%04d-%02d", 2043 + call / 12, call % 12 + 1), call);
            long compiled = jit.getTotalCompilationTime() - jit0;
            warmUp.add(rate + "/" + compiled);
            quiet = call >= 9 && compiled * 10 < (System.nanoTime() - t0) / 1_000_000 ? quiet + 1 : 0;
        }
        boolean statements = Boolean.getBoolean(io.jixiao.testsupport.LocalPostgres.STATEMENTS);
        if (statements) {
            resetStatements(); // what follows is the measured calls' own SQL
        }
        long jit0 = jit.getTotalCompilationTime();
        long gc0 = gcMillis();
        long t0 = System.nanoTime();
        List<Long> rates = new ArrayList<>();
        for (int call = 0; call < 10; call++) {
            rates.add(bulkCall(http, admin, "CS", String.format("2041-%02d", call + 1), call));
        }
        long window = (System.nanoTime() - t0) / 1_000_000;
        long[] r = rates.stream().mapToLong(Long::longValue).toArray();
        System.out.printf("INDICATOR bulk endpoint, 10 calls × 10,000 values (checked, stored, 10,000 events, 50 "
                + "scorecards recomputed per call): median %d values/s, overall %d values/s (calls %s); %d warm-up "
                + "calls on other subjects %s; in the measured %d ms the JIT compiled for %d ms and GC paused %d ms "
                + "(target ≥ 20,000/s)%n", median(r), 100_000L * 1000 / Math.max(1, window), Arrays.toString(r),
                warmUp.size(), warmUp, window, jit.getTotalCompilationTime() - jit0, gcMillis() - gc0);
        if (statements) {
            statements();
        }
        fileImport(http, admin);
    }

    @io.quarkus.test.common.http.TestHTTPResource("/api/v1/values/import")
    java.net.URI importUri;

    /**
     * 4. A CSV file of 50,000 values (the city's 50 subjects × 200 indicators × 5 new periods), through the durable
     * job: the 202 (the file parsed once and stored with its job), then the job's run to DONE, followed by polling
     * its progress every 100 ms as a client would.
     */
    void fileImport(java.net.http.HttpClient http, String token) throws Exception {
        StringBuilder csv = new StringBuilder("subject,indicator,period,value\n");
        for (int p = 1; p <= 5; p++) {
            for (int s = 1; s <= 50; s++) {
                for (int i = 1; i <= 200; i++) {
                    csv.append("CS").append(s).append(",CI").append(i).append(",2042-0").append(p).append(',')
                            .append((s * 7 + i + p) % 100).append('\n');
                }
            }
        }
        byte[] file = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var request = java.net.http.HttpRequest.newBuilder(importUri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(file))
                .build();
        long t0 = System.nanoTime();
        var accepted = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        long answered = (System.nanoTime() - t0) / 1_000_000;
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("file import answered " + accepted.statusCode() + ": " + accepted.body());
        }
        var job = new com.fasterxml.jackson.databind.ObjectMapper().readTree(accepted.body()).get("id").asText();
        var poll = java.net.http.HttpRequest.newBuilder(importUri.resolve("imports/" + job))
                .header("Authorization", "Bearer " + token).build();
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        com.fasterxml.jackson.databind.JsonNode last;
        do {
            Thread.sleep(100);
            last = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(http.send(poll, java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            seen.add(last.get("status").asText() + " " + last.get("checked").asInt() + "/"
                    + last.get("written").asInt());
        } while (List.of("QUEUED", "CHECKING", "WRITING").contains(last.get("status").asText())
                && System.nanoTime() - t0 < 300_000_000_000L);
        long done = (System.nanoTime() - t0) / 1_000_000;
        if (!"DONE".equals(last.get("status").asText()) || last.get("stored").asInt() != 50_000) {
            throw new IllegalStateException("file import ended " + last);
        }
        System.out.printf("INDICATOR file import, CSV of 50,000 values (%d KB): 202 in %d ms (parsed and stored with "
                + "its job), DONE %d ms after sending = %d values/s; progress seen by a client polling every 100 ms: "
                + "%s%n", file.length / 1024, answered, done, 50_000L * 1000 / Math.max(1, done), seen);
    }

    /**
     * With {@code -Djixiao.pg.statements=true}: PostgreSQL's account starts again just before the measured bulk calls.
     */
    @Transactional
    void resetStatements() {
        em.createNativeQuery("create extension if not exists pg_stat_statements").executeUpdate();
        em.createNativeQuery("select pg_stat_statements_reset()").getResultList();
    }

    /**
     * PostgreSQL's own account of the measured bulk calls (with the relay's and the consumers' work that ran meanwhile):
     * the 15 statements that took the most time (a COPY's foreign-key checks are listed on their own, and counted in
     * the COPY too).
     */
    @Transactional
    void statements() {
        for (Object line : em.createNativeQuery("select calls || ' calls, ' || round(total_exec_time) || ' ms, ' || "
                + "round((total_exec_time / calls)::numeric, 2) || ' ms each, ' || rows || ' rows: ' || "
                + "left(regexp_replace(query, '\\s+', ' ', 'g'), 140) from pg_stat_statements "
                + "order by total_exec_time desc limit 15").getResultList()) {
            System.out.println("INDICATOR PostgreSQL " + line);
        }
    }

    static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /**
     * One bulk call of 50 subjects × 200 indicators in {@code period} (subjects {@code prefix}1..50, indicators of the
     * same letter); its rate in values per second.
     */
    long bulkCall(java.net.http.HttpClient http, String token, String prefix, String period, int seed)
            throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>(10_000);
        for (int s = 1; s <= 50; s++) {
            for (int i = 1; i <= 200; i++) {
                rows.add(Map.of("subject", prefix + s, "indicator", prefix.charAt(0) + "I" + i, "period", period,
                        "value",
                        (s + i + seed) % 100));
            }
        }
        String body = toJson(rows);
        // a plain client: RestAssured, as Quarkus's tests configure it, pretty-prints every request body for its
        // failure log, in this JVM (the service's own) and inside the timed call
        var request = java.net.http.HttpRequest.newBuilder(bulkUri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        long t0 = System.nanoTime();
        var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("bulk call answered " + response.statusCode() + ": " + response.body());
        }
        return 10_000L * 1000 / Math.max(1, ms);
    }

    void province() {
        // a province: 1,000 × 300 × 12 = 3,600,000 values
        List<String> months = IntStream.rangeClosed(1, 12).mapToObj(m -> String.format("2050-%02d", m)).toList();
        long t0 = System.nanoTime();
        load("P", 1000, 300, months, true);
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        System.gc();
        long heapBefore = heapMb();
        long[] province = new long[3];
        long peak = 0;
        for (int i = 0; i < 3; i++) {
            t0 = System.nanoTime();
            ScorecardBatch.Outcome o = batch.recompute(months);
            province[i] = (System.nanoTime() - t0) / 1_000_000;
            peak = Math.max(peak, heapMb());
            if (o.values() != 3_600_000L) {
                throw new IllegalStateException("expected 3.6M values, got " + o);
            }
        }
        System.out.printf("INDICATOR province 1,000 × 300 × 12 (3,600,000 values, loaded in %d ms): recompute runs %s "
                + "ms (first stores 12,000 scorecards; target < 10 s); heap %d MB before, %d MB after (-Xmx1g)%n",
                loadMs, Arrays.toString(province), heapBefore, peak);
    }

    @io.quarkus.test.common.http.TestHTTPResource("/api/v1/scorecards/2050-01/league")
    java.net.URI leagueUri;

    /**
     * The league table of one of the province's months (1,000 subjects) as it is read: the portal's page of 20, the
     * last page at size 100, and the whole table as a workbook; 10 calls each after 3 warm-up calls.
     */
    void league() throws Exception {
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        String token = TestTokens.admin();
        List<String> lines = new ArrayList<>();
        for (String query : List.of("?size=20", "?size=100&page=9", "?format=xlsx")) {
            long[] ms = new long[10];
            int bytes = 0;
            for (int call = -3; call < 10; call++) {
                long t0 = System.nanoTime();
                var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(leagueUri + query))
                        .header("Authorization", "Bearer " + token).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("league " + query + " answered " + response.statusCode());
                }
                bytes = response.body().length;
                if (call >= 0) {
                    ms[call] = (System.nanoTime() - t0) / 1_000_000;
                }
            }
            lines.add(String.format("%s median %d ms (max %d), %,d bytes", query, median(ms),
                    Arrays.stream(ms).max().orElse(0), bytes));
        }
        System.out.println("INDICATOR province league of a month, 1,000 subjects: " + String.join("; ", lines));
    }

    static String toJson(List<Map<String, Object>> rows) {
        StringBuilder b = new StringBuilder("{\"values\":[");
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> m = rows.get(i);
            b.append(i == 0 ? "" : ",").append("{\"subject\":\"").append(m.get("subject")).append("\",\"indicator\":\"")
                    .append(m.get("indicator")).append("\",\"period\":\"").append(m.get("period"))
                    .append("\",\"value\":")
                    .append(m.get("value")).append('}');
        }
        return b.append("]}").toString();
    }
}
