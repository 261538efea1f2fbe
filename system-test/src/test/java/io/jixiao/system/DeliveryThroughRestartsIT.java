package io.jixiao.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.EventSamples;
import io.jixiao.testsupport.LocalKafka;
import io.jixiao.testsupport.LocalPostgres;
import io.jixiao.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * Nothing accepted is lost, and nothing is applied twice, when the broker or a service goes down in between. Values
 * are accepted (201) while the broker is stopped; the producing service is killed (SIGKILL) with events still in its
 * outbox; both consumers of those events are killed while events stream to them. Afterwards every event the outbox
 * holds for the accepted values is on the topic, has been applied once by each consumer (its id in the consumer's
 * inbox, its effect in the consumer's tables), and nothing else was.
 */
class DeliveryThroughRestartsIT {

    static final String VALUE_RECORDED = "jixiao.indicator.value.recorded.v1";
    static final String SCORECARD_COMPUTED = "jixiao.indicator.scorecard.computed.v1";
    static final int INDICATORS = 10;
    /** evaluation-service's ledger appender's advisory lock ({@code LedgerAppender.LOCK_KEY}). */
    static final long LEDGER_APPENDER_LOCK = 0x6C65646765L;
    static final Duration OUTAGE = Duration.ofSeconds(25);
    static final Duration RECOVERY = Duration.ofSeconds(180);

    static final String PREFIX = "DR" + System.nanoTime() % 10000;
    static final List<String> SUBJECTS = List.of(PREFIX + "A", PREFIX + "B");

    /** The values accepted: subject|indicator|period → the score indicator-service answered with. */
    final Map<String, Number> accepted = new LinkedHashMap<>();

    @BeforeAll
    static void suite() {
        Suite.atGateway();
        String admin = TestTokens.admin();
        for (String s : SUBJECTS) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", s, "nameZh", "断点续传单位",
                    "level", "DEPARTMENT")).post("/api/v1/subjects").then().statusCode(201);
        }
        for (int i = 0; i < INDICATORS; i++) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", PREFIX + "I" + i,
                    "nameZh", "断点续传指标" + i, "dimension", List.of("POLITICAL", "PUBLIC", "FINANCIAL", "PROCESS",
                            "LEARNING").get(i % 5),
                    "kind", "QUANTITATIVE", "target", 100, "weight", 10, "subjects", SUBJECTS))
                    .post("/api/v1/indicators").then().statusCode(201);
        }
    }

    @Test
    void everyAcceptedValueReachesEveryConsumerOnceThroughBrokerAndServiceRestarts() throws Exception {
        Suite suite = Suite.started();
        LocalKafka kafka = LocalKafka.shared();

        // 1. the broker is down for longer than the relay's delivery timeout (20 s): values are still accepted, their
        // events wait in the outbox, the relay's sends fail and are tried again
        kafka.stopBroker();
        long down = System.nanoTime();
        try {
            post("2031", SUBJECTS);
            assertEquals(2L * accepted.size(), unpublished(), "every event of a value accepted while the broker is"
                    + " down waits in the outbox");
            // an operator who reads a dead-letter topic meanwhile is told to try again
            given().auth().oauth2(TestTokens.admin()).get("/api/v1/ops/evaluation/dead-letters").then()
                    .statusCode(503).contentType("application/problem+json").header("Retry-After", "10")
                    .body("detail", org.hamcrest.Matchers.containsString("event broker"));
            Suite.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - down) / 1_000_000));
            assertEquals(2L * accepted.size(), unpublished(), "nothing was marked published while the broker was"
                    + " down");
            // the people who run it see the backlog: the gauge, and the wellness check past its 5 s (Suite)
            assertEquals(2.0 * accepted.size(), counter(suite, "indicator", "jixiao_outbox_pending"),
                    "jixiao_outbox_pending during the outage");
            assertTrue(counter(suite, "indicator", "jixiao_outbox_oldest_pending_seconds") >= 5,
                    "the oldest event has waited since the outage began");
            given().baseUri(suite.service("indicator")).get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'outbox' }.status", org.hamcrest.Matchers.equalTo("DOWN"))
                    .body("checks.find { it.name == 'outbox' }.data.pending", org.hamcrest.Matchers.equalTo(
                            2 * accepted.size()));
        } finally {
            kafka.startBroker();
        }

        // 2. the producer dies with events not yet published; they leave with its next life
        kafka.stopBroker();
        try {
            post("2032", SUBJECTS);
            suite.kill("indicator");
        } finally {
            kafka.startBroker();
        }
        long stillWaiting = unpublished();
        assertTrue(stillWaiting >= 2L * SUBJECTS.size() * INDICATORS, "the killed producer's events are still in"
                + " its outbox: " + stillWaiting);
        suite.relaunch("indicator");

        // 3. both consumers die, having applied events whose offsets they may not have committed yet, while more
        // events stream to them; they take up where their committed offsets say, and their inboxes skip what they
        // had applied already
        post("2033", SUBJECTS.subList(0, 1));
        awaitApplied("sys_budget", 20);
        suite.kill("budget");
        suite.kill("evaluation");
        post("2033", SUBJECTS.subList(1, 2));
        long relaunched = System.nanoTime();
        suite.relaunch("budget");
        suite.relaunch("evaluation");

        Delivery d = awaitDelivered(relaunched);
        // and the backlog gone once the broker is back
        ThinSliceIT.until(Duration.ofSeconds(30), () -> given().baseUri(suite.service("indicator"))
                .get("/q/health/well"), r -> r.statusCode() == 200);
        assertEquals(0.0, counter(suite, "indicator", "jixiao_outbox_pending"), "jixiao_outbox_pending after");
        System.out.printf("[restarts] %d values accepted across a broker outage, a producer kill and two consumer"
                + " kills; %d events in the outbox, %d records on the topic (%d published twice); every consumer"
                + " caught up %.1f s after the relaunch; events received again and skipped by the relaunched"
                + " consumers: budget %.0f, evaluation %.0f%n", accepted.size(), d.outbox.size(), d.records,
                d.records - d.distinctOnTopic, d.seconds, duplicatesSkipped(suite, "budget"),
                duplicatesSkipped(suite, "evaluation"));
    }

    /** Waits until a consumer has applied at least {@code n} of this test's events in period 2033. */
    private static void awaitApplied(String database, int n) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Set<UUID> applied = inbox(database);
            long count = outbox().stream().filter(e -> "2033".equals(e.period()) && applied.contains(e.id()))
                    .count();
            if (count >= n) {
                return;
            }
            Suite.sleep(100);
        }
        throw new AssertionError(database + " did not apply the first events within 30 s");
    }

    /** The inbox's count of events a service received again and skipped, since it was launched (its metrics). */
    private static double duplicatesSkipped(Suite suite, String service) throws Exception {
        return counter(suite, service, "jixiao_inbox_duplicates_total");
    }

    /** A counter of a service's metrics (summed over its tags), since it was launched. */
    private static double counter(Suite suite, String service, String name) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                + suite.port(service) + "/q/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * Ratings are linked into their cycle's hash chain after they commit. Here the test holds the appender's lock,
     * as another replica in the middle of a batch would, so accepted ratings stay queued; evaluation-service is killed
     * with all of them unlinked and the broker down. Its next life links them before anyone reads the ledger (reading
     * it would link the queue itself) and publishes their {@code rating.submitted} events.
     */
    @Test
    void ratingsAcceptedJustBeforeTheServiceDiesAreLinkedAndPublishedByItsNextLife() throws Exception {
        Suite suite = Suite.started();
        LocalKafka kafka = LocalKafka.shared();
        List<String> subjects = List.of(PREFIX + "R0", PREFIX + "R1");
        String cycle = RatingLoadBenchmarkIT.cycleWith(subjects, 4, "2034");
        Set<UUID> ratings = new TreeSet<>();
        kafka.stopBroker();
        long pendingAtKill;
        try (Connection otherReplica = connect("sys_evaluation")) {
            try (PreparedStatement lock = otherReplica.prepareStatement("select pg_advisory_lock(?)")) {
                lock.setLong(1, LEDGER_APPENDER_LOCK);
                lock.execute();
            }
            for (int e = 0; e < 4; e++) {
                for (String subject : subjects) {
                    ratings.add(UUID.fromString(given().auth().oauth2(TestTokens.superior("ev" + e))
                            .contentType(ContentType.JSON).body(RatingLoadBenchmarkIT.rating(subject, 60 + 5 * e))
                            .post("/api/v1/cycles/{id}/ratings", cycle).then().statusCode(201).extract()
                            .path("id")));
                }
            }
            suite.kill("evaluation");
            pendingAtKill = count("sys_evaluation", "select count(*) from ledger_pending where cycle_id = ?::uuid",
                    cycle);
        } finally {
            kafka.startBroker();
        }
        assertEquals(ratings.size(), pendingAtKill, "every accepted rating was queued, none linked, at the kill");
        suite.relaunch("evaluation");

        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (count("sys_evaluation", "select count(*) from ledger_pending where cycle_id = ?::uuid", cycle) > 0
                || count("sys_evaluation", "select count(*) from outbox_event where event_type = '"
                        + "jixiao.evaluation.rating.submitted.v1' and payload->>'cycle' = ? and published_at is not"
                        + " null", cycle) < ratings.size()) {
            assertTrue(System.nanoTime() < deadline, "the relaunched service did not link and publish every rating");
            Suite.sleep(250);
        }
        assertEquals(ratings.size(), count("sys_evaluation", "select count(*) from outbox_event where event_type = '"
                + "jixiao.evaluation.rating.submitted.v1' and payload->>'cycle' = ?", cycle), "one event per rating");
        List<String> linked = given().auth().oauth2(TestTokens.admin()).queryParam("size", 100)
                .get("/api/v1/cycles/{id}/ledger", cycle).then().statusCode(200).extract().jsonPath()
                .getList("items.ratingId");
        assertEquals(ratings, new TreeSet<>(linked.stream().map(UUID::fromString).toList()),
                "every accepted rating is linked once");
        assertEquals(ratings.size(), linked.size(), "no rating is linked twice");
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/cycles/{id}/ledger/verify", cycle).then()
                .statusCode(200).body("valid", org.hamcrest.Matchers.equalTo(true));
        System.out.printf("[restarts] %d ratings accepted with the broker down and the ledger's lock held elsewhere,"
                + " evaluation-service killed with all of them unlinked: all linked, chained and published by its next"
                + " life%n", ratings.size());
    }

    /**
     * Responses only mark their subject's period; a recompute takes the marks, reads the responses and stores and
     * publishes the index, all in one transaction. Here the test holds the index table, as a slow transaction would,
     * so the recompute that took the marks of the accepted responses is stuck before its commit when survey-service is
     * killed; evaluation-service, which keeps the published index, is down meanwhile. The marks come back with the
     * dead transaction, and survey-service's next life counts every response and publishes the index that
     * evaluation-service, relaunched, keeps with its event id.
     */
    @Test
    void responsesAcceptedJustBeforeTheServiceDiesAreCountedAndPublishedByItsNextLife() throws Exception {
        Suite suite = Suite.started();
        String subject = PREFIX + "P";
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("code", subject, "nameZh",
                "断点续传问卷单位", "level", "DEPARTMENT")).post("/api/v1/subjects").then().statusCode(201);
        String survey = SurveyLoadBenchmarkIT.openSurvey(subject);
        suite.kill("evaluation");
        int responses = 6;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("sys_survey", "select count(*) from satisfaction_dirty where subject_code like ?", "%") > 0) {
            assertTrue(System.nanoTime() < deadline, "earlier tests' responses were counted");
            Suite.sleep(100);
        }
        try (Connection slow = connect("sys_survey"); Statement st = slow.createStatement()) {
            slow.setAutoCommit(false);
            st.execute("lock table satisfaction in exclusive mode");
            for (int i = 0; i < responses; i++) {
                given().header("User-Agent", "restart-device-" + i).contentType(ContentType.JSON)
                        .body(Map.of("group", "CITIZEN", "durationMs", 42000, "answers", List.of(Map.of("question",
                                "q1", "value", 1 + i % 5))))
                        .post("/api/v1/public/surveys/{id}/responses", survey).then().statusCode(201);
            }
            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count("sys_survey", "select count(*) from pg_locks where not granted and relation = ?::regclass",
                    "satisfaction") == 0) {
                assertTrue(System.nanoTime() < deadline, "a recompute took the responses' marks and waits to store"
                        + " their index");
                Suite.sleep(100);
            }
            assertEquals(0, count("sys_survey", "select count(*) from satisfaction where subject_code = ?", subject),
                    "no index of these responses was stored before the kill");
            suite.kill("survey");
            slow.rollback();
        }
        suite.relaunch("survey");
        suite.relaunch("evaluation");

        deadline = System.nanoTime() + RECOVERY.toNanos();
        String published = "select id::text from outbox_event where event_type = 'jixiao.survey.satisfaction.computed.v1'"
                + " and record_key = ? and (payload->>'n')::int = " + responses + " and published_at is not null";
        while (count("sys_survey", "select count(*) from satisfaction where subject_code = ? and sample_size = "
                + responses, subject) == 0
                || count("sys_survey", published.replace("id::text", "count(*)"), subject) == 0
                || count("sys_evaluation", "select count(*) from satisfaction_input where subject_code"
                        + " = ? and sample_size = " + responses, subject) == 0) {
            assertTrue(System.nanoTime() < deadline, "the relaunched services did not count and keep every response");
            Suite.sleep(250);
        }
        Map<String, Object[]> kept = rows("sys_evaluation", "select subject_code, event_id::text, sample_size from"
                + " satisfaction_input where subject_code = ?", subject);
        assertEquals(List.of(kept.get(subject)[0]), strings("sys_survey", published, subject), "evaluation keeps the"
                + " index published once with every response, with that event's id");
        assertEquals(1, count("sys_evaluation", "select count(*) from processed_event where event_id = ?::uuid",
                (String) kept.get(subject)[0]), "evaluation applied that event once");
        System.out.printf("[restarts] %d survey responses accepted while their recompute was stuck, survey-service"
                + " killed before it committed and evaluation-service down: the next lives counted all %d and"
                + " evaluation keeps the index from event %s%n", responses, responses, kept.get(subject)[0]);
    }

    /**
     * The database goes down and comes back, as a PostgreSQL restart does. Meanwhile each service answers 503 with
     * {@code Retry-After}, not 500, and a value sent then is not stored. A subject registered meanwhile (its event
     * written on the topic, as the relay had sent it just before) reaches the three services that copy subjects while
     * they cannot store it: each waits for the database instead of parking the event on its dead-letter topic, and
     * applies it once when the database is back.
     */
    @Test
    void aDatabaseOutageIsA503AndTheEventsThatArriveMeanwhileWaitForIt() throws Exception {
        Suite suite = Suite.started();
        LocalPostgres postgres = Suite.postgres();
        String code = PREFIX + "PG";
        String registered = "jixiao.indicator.subject.registered.v1";
        String admin = TestTokens.admin();
        Map<String, String> readOfService = Map.of("indicator", "/api/v1/subjects", "evaluation", "/api/v1/cycles",
                "survey", "/api/v1/surveys", "budget", "/api/v1/budget/projects");
        List<String> copying = List.of("evaluation", "survey", "budget");
        Map<String, Double> waitsBefore = new HashMap<>();
        for (String service : copying) {
            waitsBefore.put(service, counter(suite, service, "jixiao_inbox_database_waits_total"));
        }
        long down = System.nanoTime();
        postgres.pause();
        UUID event;
        try {
            event = EventSamples.send(LocalKafka.shared().bootstrapServers(), "jixiao.indicator.events", registered,
                    code, EventSamples.with(registered, "code", code, "nameZh", "停库期间登记单位", "nameEn",
                            "Registered during a database outage"),
                    UUID.randomUUID());
            long sent = System.nanoTime();
            // more reads than the gateway's breaker threshold (5): each is the service's own answer, passed on, and
            // the breaker stays closed, so nothing is refused once the database is back
            for (int i = 0; i < 6; i++) {
                readOfService.forEach((service, path) -> given().auth().oauth2(admin).get(path).then()
                        .statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                        .body("detail", org.hamcrest.Matchers.containsString("database")));
            }
            given().auth().oauth2(TestTokens.system("restart-system")).contentType(ContentType.JSON)
                    .body(Map.of("subject", SUBJECTS.get(0), "indicator", PREFIX + "I0", "period", "2034", "value",
                            50))
                    .post("/api/v1/values").then().statusCode(503).contentType("application/problem+json");
            // the event waits far longer than a consumer tries a failing record (4 tries, 200 ms apart)
            Suite.sleep(Math.max(0, Duration.ofSeconds(15).toMillis() - (System.nanoTime() - sent) / 1_000_000));
        } finally {
            postgres.resume();
        }
        long back = System.nanoTime();
        // the first request after the restart already finds a working connection: a pooled one the restart broke is
        // checked before it is handed out, not given to the request
        readOfService.forEach((service, path) -> given().auth().oauth2(admin).get(path).then().statusCode(200));
        long deadline = back + Duration.ofSeconds(60).toNanos();
        for (String service : copying) {
            String db = "sys_" + service;
            while (count(db, "select count(*) from known_subject where code = ?", code) == 0) {
                assertTrue(System.nanoTime() < deadline, db + " did not apply the subject registered during the"
                        + " outage");
                Suite.sleep(250);
            }
            assertEquals(1, count(db, "select count(*) from processed_event where event_id = ?::uuid",
                    event.toString()), db + " applied the event once");
        }
        double caughtUp = (System.nanoTime() - back) / 1e9;
        assertEquals(0, count("sys_indicator", "select count(*) from indicator_value where period = ?", "2034"),
                "the value refused during the outage was not stored");
        for (String service : copying) {
            assertTrue(counter(suite, service, "jixiao_inbox_database_waits_total") > waitsBefore.get(service),
                    service + " received the event while its database was down, and waited");
            // holding a record this long did not fail the channel (nothing reported to the liveness check)
            assertEquals(200, java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + suite.port(service) + "/q/health/live")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode(), service + " is live");
            String parked = awaitOk(() -> given().auth().oauth2(admin).get("/api/v1/ops/{service}/dead-letters",
                    service)).asString();
            assertTrue(!parked.contains(event.toString()), service + " parked the event: " + parked);
        }
        readOfService.forEach((service, path) -> awaitOk(() -> given().auth().oauth2(admin).get(path)));
        System.out.printf("[restarts] PostgreSQL down for %.1f s: every service answered 503 with Retry-After; the"
                + " subject registered meanwhile was applied once by evaluation, survey and budget %.1f s after the"
                + " database was back, and none of them parked it%n", (back - down) / 1e9, caughtUp);
    }

    /** The response of a call tried again until it answers 200. */
    private static io.restassured.response.Response awaitOk(
            java.util.function.Supplier<io.restassured.response.Response> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            io.restassured.response.Response r = call.get();
            if (r.statusCode() == 200 || System.nanoTime() > deadline) {
                assertEquals(200, r.statusCode(), r.asString());
                return r;
            }
            Suite.sleep(500);
        }
    }

    /**
     * A value file is answered 202 and imported in the background. Here the test holds the indicator catalogue, as a
     * new indicator version would, so the import's run has claimed the job and waits inside its transaction when
     * indicator-service is killed. The job and its file were stored before the answer: the next life runs it again,
     * and every value and its event is written once.
     */
    @Test
    void aValueFileAcceptedJustBeforeTheServiceDiesIsImportedByItsNextLife() throws Exception {
        Suite suite = Suite.started();
        String admin = TestTokens.admin();
        String subject = "DI" + PREFIX.substring(2);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", subject, "nameZh",
                "断点续传导入单位", "level", "DEPARTMENT")).post("/api/v1/subjects").then().statusCode(201);
        StringBuilder csv = new StringBuilder("subject,indicator,period,value\n");
        for (int i = 0; i < INDICATORS; i++) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", subject + "I" + i,
                    "nameZh", "断点续传导入指标" + i, "dimension", "PROCESS", "kind", "QUANTITATIVE", "target", 100,
                    "weight", 10, "subjects", List.of(subject))).post("/api/v1/indicators").then().statusCode(201);
            csv.append(subject).append(',').append(subject).append('I').append(i).append(",2037,").append(50 + i)
                    .append('\n');
        }
        String token = TestTokens.system("restart-importer");
        String job;
        try (Connection version = connect("sys_indicator")) {
            try (PreparedStatement lock = version.prepareStatement("select pg_advisory_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "catalogue");
                lock.execute();
            }
            job = given().auth().oauth2(token).contentType("text/csv")
                    .body(csv.toString().getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/values/import").then().statusCode(202).extract().path("id");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count("sys_indicator", "select count(*) from value_import_progress where job_id = ?::uuid", job) == 0
                    || count("sys_indicator", "select count(*) from pg_locks where not granted and locktype = "
                            + "'advisory' and database = (select oid from pg_database where datname = ?)",
                            "sys_indicator") == 0) {
                assertTrue(System.nanoTime() < deadline, "the import's run claimed the job and waits at the catalogue");
                Suite.sleep(100);
            }
            suite.kill("indicator");
        }
        assertEquals(0, count("sys_indicator", "select count(*) from indicator_value where subject_code = ?", subject),
                "nothing of the killed run was written");
        assertEquals(1, count("sys_indicator", "select count(*) from value_import_job where id = ?::uuid and "
                + "finished_at is null and file is not null", job), "the accepted job and its file outlived the kill");
        suite.relaunch("indicator");

        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (!"DONE".equals(given().auth().oauth2(token).get("/api/v1/values/imports/{id}", job).then().extract()
                .path("status"))) {
            assertTrue(System.nanoTime() < deadline, "the relaunched service did not run the accepted import");
            Suite.sleep(250);
        }
        given().auth().oauth2(token).get("/api/v1/values/imports/{id}", job).then().statusCode(200)
                .body("stored", org.hamcrest.Matchers.equalTo(INDICATORS))
                .body("attempts", org.hamcrest.Matchers.equalTo(2));
        assertEquals(INDICATORS, count("sys_indicator", "select count(*) from indicator_value where subject_code = ?",
                subject), "each value once");
        assertEquals(INDICATORS, count("sys_indicator", "select count(*) from outbox_event where record_key = ? and "
                + "event_type = '" + VALUE_RECORDED + "'", subject), "each value's event once");
        System.out.printf("[restarts] a file of %d values accepted (202), indicator-service killed while its import"
                + " waited inside its transaction: the next life imported it, each value and event once%n", INDICATORS);
    }

    /**
     * A rolling update stops a pod with SIGTERM while it still answers calls. Here a rating is inside its request,
     * waiting on its slot's lock (held by the test, as a second submission of the same slot would hold it), when
     * evaluation-service is told to stop. The service finishes the request before it exits: the rating is answered 201
     * and stored. Without a shutdown timeout Quarkus stopped at once, the request failed, and nothing was stored.
     */
    @Test
    void aRatingInFlightWhenTheServiceIsToldToStopIsFinishedBeforeItExits() throws Exception {
        Suite suite = Suite.started();
        String subject = PREFIX + "G0";
        String cycle = RatingLoadBenchmarkIT.cycleWith(List.of(subject), 1, "2038");
        java.util.concurrent.CompletableFuture<Integer> answer;
        try (Connection slot = connect("sys_evaluation")) {
            slot.setAutoCommit(false);
            try (PreparedStatement lock = slot.prepareStatement(
                    "select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, "rating/" + cycle + "/" + subject + "/SUPERIOR/ev0");
                lock.execute();
            }
            String token = TestTokens.superior("ev0");
            answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> given().auth().oauth2(token)
                    .contentType(ContentType.JSON).body(RatingLoadBenchmarkIT.rating(subject, 77))
                    .post("/api/v1/cycles/{id}/ratings", cycle).then().extract().statusCode());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count("sys_evaluation", "select count(*) from pg_locks where not granted and locktype = "
                    + "'advisory' and database = (select oid from pg_database where datname = ?)",
                    "sys_evaluation") == 0) {
                assertTrue(System.nanoTime() < deadline, "the rating's request waits on its slot");
                Suite.sleep(100);
            }
            suite.terminate("evaluation");
            Suite.sleep(2000);
            assertTrue(suite.alive("evaluation"), "the service stopped with a request in flight");
            assertFalse(answer.isDone(), "the request was answered while its slot was held");
            slot.commit();
        }
        try {
            assertEquals(201, answer.get(30, java.util.concurrent.TimeUnit.SECONDS), "the rating in flight");
            assertTrue(suite.exited("evaluation", Duration.ofSeconds(30)), "the service exits once it has answered");
            assertEquals(1,
                    count("sys_evaluation", "select count(*) from rating where cycle_id = ?::uuid and is_current",
                            cycle),
                    "the rating is stored");
        } finally {
            suite.kill("evaluation");
            suite.relaunch("evaluation");
        }
    }

    /** A count from a service's database; {@code sql} takes one text parameter. */
    private static long count(String database, String sql, String parameter) throws SQLException {
        List<String> first = strings(database, sql, parameter);
        return Long.parseLong(first.get(0));
    }

    /** The first column of every row, as text; {@code sql} takes one text parameter. */
    private static List<String> strings(String database, String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(database); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    /** One value per subject and indicator in {@code period}, through the gateway by a system client. */
    private void post(String period, List<String> subjects) {
        String token = TestTokens.system("restart-system");
        for (String s : subjects) {
            for (int i = 0; i < INDICATORS; i++) {
                int value = 40 + (i * 7 + period.hashCode() % 13 + s.length()) % 60;
                // the score as an exact decimal (this request's config only: other tests read floats)
                Number score = given().config(RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                        .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL))).auth().oauth2(token)
                        .contentType(ContentType.JSON).body(Map.of("subject", s,
                                "indicator", PREFIX + "I" + i, "period", period, "value", value))
                        .post("/api/v1/values")
                        .then().statusCode(201).extract().path("value.score");
                accepted.put(s + "|" + PREFIX + "I" + i + "|" + period, score);
            }
        }
    }

    record OutboxEvent(UUID id, String type, String subject, String indicator, String period) {
    }

    record Delivery(List<OutboxEvent> outbox, int records, int distinctOnTopic, double seconds) {
    }

    /**
     * Waits until every consumer has applied every event, then checks each one's inbox and effects, and the topic.
     * A check that still fails at the deadline fails the test with what is missing.
     */
    private Delivery awaitDelivered(long since) throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                List<OutboxEvent> outbox = outbox();
                checkConsumers(outbox);
                double seconds = (System.nanoTime() - since) / 1e9;
                Map<UUID, Integer> onTopic = topicRecords();
                Set<UUID> ids = new TreeSet<>();
                outbox.forEach(e -> ids.add(e.id()));
                assertEquals(ids, new TreeSet<>(onTopic.keySet()), "the topic holds exactly the outbox's events");
                int records = onTopic.values().stream().mapToInt(Integer::intValue).sum();
                return new Delivery(outbox, records, onTopic.size(), seconds);
            } catch (AssertionError e) {
                last = e;
                Suite.sleep(1000);
            }
        }
        throw last;
    }

    /** Each consumer's inbox holds the outbox's events of the types it takes, and its tables show their effects. */
    private void checkConsumers(List<OutboxEvent> outbox) throws SQLException {
        Set<UUID> values = new TreeSet<>();
        Set<UUID> scorecards = new TreeSet<>();
        Map<String, UUID> lastScorecard = new HashMap<>();
        Map<String, UUID> valueEvent = new HashMap<>();
        for (OutboxEvent e : outbox) {
            if (e.type().equals(VALUE_RECORDED)) {
                values.add(e.id());
                valueEvent.put(e.subject() + "|" + e.indicator() + "|" + e.period(), e.id());
            } else {
                scorecards.add(e.id());
                lastScorecard.put(e.subject() + "|" + e.period(), e.id());
            }
        }
        assertEquals(accepted.keySet(), valueEvent.keySet(), "one value.recorded event per accepted value");
        assertEquals(accepted.size(), values.size(), "no value event twice in the outbox");

        Set<UUID> budgetInbox = inbox("sys_budget");
        Set<UUID> evaluationInbox = inbox("sys_evaluation");
        assertTrue(budgetInbox.containsAll(values), "budget applied every value event: missing "
                + missing(values, budgetInbox));
        assertTrue(budgetInbox.containsAll(scorecards), "budget applied every scorecard event: missing "
                + missing(scorecards, budgetInbox));
        assertTrue(evaluationInbox.containsAll(scorecards), "evaluation applied every scorecard event: missing "
                + missing(scorecards, evaluationInbox));

        // the effects: budget keeps each value's score with the event that brought it, evaluation each scorecard's
        // latest total with its event
        Map<String, Object[]> scores = rows("sys_budget", "select subject_code || '|' || indicator_code || '|' ||"
                + " period, score, event_id from indicator_score where subject_code like ?", PREFIX + "%");
        assertEquals(accepted.keySet(), scores.keySet(), "budget holds a score for exactly the accepted values");
        for (Map.Entry<String, Number> a : accepted.entrySet()) {
            Object[] row = scores.get(a.getKey());
            assertEquals(0, new java.math.BigDecimal(a.getValue().toString()).compareTo((java.math.BigDecimal) row[0]),
                    "budget's score of " + a.getKey());
            assertEquals(valueEvent.get(a.getKey()), row[1], "budget's score of " + a.getKey() + " came from its"
                    + " event");
        }
        Map<String, Object[]> inputs = rows("sys_evaluation", "select subject_code || '|' || period, total, event_id"
                + " from scorecard_input where subject_code like ?", PREFIX + "%");
        assertEquals(new TreeSet<>(lastScorecard.keySet()), new TreeSet<>(inputs.keySet()),
                "evaluation holds a scorecard for each subject and period");
        lastScorecard.forEach((k, id) -> assertEquals(id, inputs.get(k)[1], "evaluation's scorecard of " + k
                + " is the last one computed"));
    }

    private static Set<UUID> missing(Set<UUID> wanted, Set<UUID> have) {
        Set<UUID> m = new TreeSet<>(wanted);
        m.removeAll(have);
        return m;
    }

    /** indicator-service's outbox events for this test's subjects, in the order they were written. */
    private static List<OutboxEvent> outbox() throws SQLException {
        List<OutboxEvent> events = new ArrayList<>();
        try (Connection c = connect("sys_indicator");
                PreparedStatement ps = c.prepareStatement("select id,"
                        + " event_type, record_key, payload->>'indicator', payload->>'period' from outbox_event"
                        + " where record_key like ? and event_type in (?, ?) order by seq")) {
            ps.setString(1, PREFIX + "%");
            ps.setString(2, VALUE_RECORDED);
            ps.setString(3, SCORECARD_COMPUTED);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new OutboxEvent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)));
                }
            }
        }
        return events;
    }

    /** How many of this test's events indicator-service has not published yet. */
    private static long unpublished() throws SQLException {
        try (Connection c = connect("sys_indicator");
                PreparedStatement ps = c.prepareStatement("select count(*)"
                        + " from outbox_event where record_key like ? and published_at is null")) {
            ps.setString(1, PREFIX + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Set<UUID> inbox(String database) throws SQLException {
        Set<UUID> ids = new TreeSet<>();
        try (Connection c = connect(database);
                PreparedStatement ps = c.prepareStatement("select event_id from"
                        + " processed_event where event_type in (?, ?)")) {
            ps.setString(1, VALUE_RECORDED);
            ps.setString(2, SCORECARD_COMPUTED);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** Rows keyed by their first column, the next two as values; {@code sql} takes one text parameter. */
    private static Map<String, Object[]> rows(String database, String sql, String parameter) throws SQLException {
        Map<String, Object[]> rows = new TreeMap<>();
        try (Connection c = connect(database); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new Object[]{rs.getObject(2), rs.getObject(3)});
                }
            }
        }
        return rows;
    }

    private static Connection connect(String database) throws SQLException {
        LocalPostgres pg = Suite.postgres();
        return DriverManager.getConnection(pg.jdbcUrl(database), pg.username(), pg.password());
    }

    /** Every record of this test's subjects on indicator-service's topic, counted by event id ({@code ce_id}). */
    private static Map<UUID, Integer> topicRecords() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.shared().bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<UUID, Integer> seen = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor("jixiao.indicator.events").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    Header id = r.headers().lastHeader("ce_id");
                    Header type = r.headers().lastHeader("ce_type");
                    String t = type == null ? "" : new String(type.value(), StandardCharsets.UTF_8);
                    if (r.key() != null && r.key().startsWith(PREFIX) && id != null && (t.equals(VALUE_RECORDED)
                            || t.equals(SCORECARD_COMPUTED))) {
                        seen.merge(UUID.fromString(new String(id.value(), StandardCharsets.UTF_8)), 1, Integer::sum);
                    }
                }
            }
        }
        return seen;
    }
}
