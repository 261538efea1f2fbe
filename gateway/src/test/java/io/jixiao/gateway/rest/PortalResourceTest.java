package io.jixiao.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.jixiao.gateway.service.EchoUpstream;
import io.jixiao.testsupport.LocalKafka;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The portal read models against stand-in services (indicator, survey and budget echo what they were asked; evaluation
 * is down): panels carry each service's answer to the caller's own token, a down service degrades its panel and not
 * the page, a department sees only its own page, and live events arrive over SSE filtered per department. The real
 * composition is exercised end to end in the system test.
 */
@QuarkusTest
@QuarkusTestResource(value = EchoUpstream.class, restrictToAnnotatedClass = true)
class PortalResourceTest {

    @TestHTTPResource("/api/v1/portal/stream")
    URI stream;

    @ConfigProperty(name = "live-consumer-group")
    String liveGroup;

    @Test
    void aDepartmentPageComposesEveryServiceWithTheCallersTokenAndDegradesADownOne() {
        given().auth().oauth2(TestTokens.admin()).header("X-Request-Id", "portal-1")
                .get("/api/v1/portal/departments/FIN?period=2026").then().statusCode(200)
                .body("subject", equalTo("FIN"))
                .body("panels.subject.status", equalTo("OK"))
                .body("panels.subject.data.uri", equalTo("/api/v1/subjects/FIN"))
                .body("panels.subject.data.headers.authorization", startsWith("Bearer "))
                .body("panels.subject.data.headers.'x-request-id'", equalTo("portal-1"))
                .body("panels.scorecard.data.uri", equalTo("/api/v1/subjects/FIN/scorecards/2026"))
                .body("panels.previousScorecard.data.uri", equalTo("/api/v1/subjects/FIN/scorecards/2025"))
                .body("panels.scorecardHistory.data.uri",
                        equalTo("/api/v1/subjects/FIN/scorecards/2026/revisions?size=5"))
                .body("panels.satisfaction.data.uri", equalTo("/api/v1/subjects/FIN/satisfaction?period=2026"))
                .body("panels.budget.data.uri", equalTo("/api/v1/budget/views/departments/FIN?year=2026"))
                .body("panels.rectifications.data.uri", startsWith("/api/v1/rectifications?subject=FIN"))
                .body("panels.surveys.data.uri", equalTo("/api/v1/surveys?subject=FIN&period=2026&size=20"))
                .body("panels.evaluation.status", equalTo("UNAVAILABLE"))
                .body("panels.evaluation.detail", equalTo("evaluation-service is unavailable"));
        given().auth().oauth2(TestTokens.admin()).header("X-Request-Id", "portal-league")
                .get("/api/v1/portal/league?period=2026").then().statusCode(200)
                .body("panels.evaluation.status", equalTo("UNAVAILABLE"))
                .body("panels.subjects.status", equalTo("OK"))
                // the head of the scorecard league: its first page of 20 rows of 25, asked with the caller's token
                .body("panels.scorecards.status", equalTo("OK"))
                .body("panels.scorecards.data.totalRows", equalTo(25))
                .body("panels.scorecards.data.rows.size()", equalTo(20))
                .body("panels.scorecards.data.rows[0].uri", equalTo("/api/v1/scorecards/2026/league?size=20"))
                .body("panels.scorecards.data.rows[0].headers.'x-request-id'", equalTo("portal-league"))
                .body("panels.scorecards.data.rows[0].headers.authorization", startsWith("Bearer "));
        var warnings = given().auth().oauth2(TestTokens.finance()).header("X-Request-Id", "portal-warnings")
                .get("/api/v1/portal/warnings?period=2026").then()
                .statusCode(200).body("panels.budget.data.uri", endsWith("/warnings?year=2026&size=50"))
                .body("panels.overdueRectifications.data.uri", endsWith("overdue=true&size=50"))
                .body("panels.subjects.status", equalTo("OK")).extract().jsonPath();
        // the names of the 121 subjects the warnings name, whatever their place among a province's subjects: asked by
        // code, 100 to a call
        List<String> named = warnings.getList("panels.subjects.data.items.code");
        assertEquals(121, named.size(), named.toString());
        assertEquals(List.of("T1", "W000", "W001"), named.subList(0, 3), "by code");
        assertEquals("W119", named.get(120));
        assertEquals("名W057", warnings.getString("panels.subjects.data.items.find { it.code == 'W057' }.nameZh"));
        List<String> calls = warnings.<String>getList("panels.subjects.data.items.uri").stream().distinct().toList();
        assertEquals(2, calls.size(), calls.toString());
        assertTrue(calls.get(0).startsWith("/api/v1/subjects?code=T1&code=W000&code=W001&"), calls.get(0));
        assertTrue(calls.get(0).endsWith("&code=W098&size=100"), calls.get(0));
        assertEquals("/api/v1/subjects?code=W099&code=W100&code=W101&code=W102&code=W103&code=W104&code=W105&code=W106"
                + "&code=W107&code=W108&code=W109&code=W110&code=W111&code=W112&code=W113&code=W114&code=W115"
                + "&code=W116&code=W117&code=W118&code=W119&size=100", calls.get(1));
        // a league with no results (evaluation-service is down here) names no subject and asks for none
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/portal/league?period=2026").then().statusCode(200)
                .body("panels.subjects.status", equalTo("OK")).body("panels.subjects.data.items.size()", equalTo(0));
    }

    /**
     * The years a portal opens on, from the periods with scorecards (the year's, not a quarter's) with the caller's
     * token: next year's is listed but not opened on. evaluation-service is down: its panel degrades, not the answer.
     */
    @Test
    void theYearsWithDataAreAskedWithTheCallersTokenAndTheLatestUpToNowIsOpenedOn() {
        int now = java.time.Year.now().getValue();
        given().auth().oauth2(TestTokens.department("FIN")).header("X-Request-Id", "years-1")
                .get("/api/v1/portal/years").then().statusCode(200)
                .body("years", equalTo(List.of(now + 1, now - 1))).body("latest", equalTo(now - 1))
                .body("panels.scorecards.status", equalTo("OK"))
                .body("panels.scorecards.data[0].echo.uri", equalTo("/api/v1/periods"))
                .body("panels.scorecards.data[0].echo.headers.authorization", startsWith("Bearer "))
                .body("panels.scorecards.data[0].echo.headers.'x-request-id'", equalTo("years-1"))
                .body("panels.evaluation.status", equalTo("UNAVAILABLE"));
        given().auth().oauth2(TestTokens.assessor("a1", "ORG1")).get("/api/v1/portal/years").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/api/v1/portal/years").then().statusCode(401);
    }

    @Test
    void aDepartmentSeesOnlyItsOwnPageAndOtherCallersAreTurnedAway() {
        given().auth().oauth2(TestTokens.department("FIN")).get("/api/v1/portal/departments/FIN?period=2026").then()
                .statusCode(200);
        given().auth().oauth2(TestTokens.department("FIN")).header("X-Request-Id", "own-page")
                .get("/api/v1/portal/departments/EDU?period=2026").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("a department sees only its own page")).body("requestId", equalTo("own-page"));
        // refused by role or for want of a token: problems too, like every other refusal, with the request's id
        given().auth().oauth2(TestTokens.assessor("a1", "ORG1")).header("X-Request-Id", "by-role")
                .get("/api/v1/portal/league?period=2026").then()
                .statusCode(403).contentType("application/problem+json").body("status", equalTo(403))
                .body("requestId", equalTo("by-role"));
        given().header("X-Request-Id", "no-token").get("/api/v1/portal/league?period=2026").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", equalTo("Bearer"))
                .body("requestId", equalTo("no-token"));
        given().auth().oauth2("not.a.jwt").get("/api/v1/portal/warnings?period=2026").then().statusCode(401)
                .contentType("application/problem+json");
        // bad input is a validation problem naming its field, as the services write theirs
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/portal/league?period=26").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://jixiao.io/problems/validation"))
                .body("detail", equalTo("period: must be a year such as 2026"))
                .body("violations",
                        equalTo(List.of(Map.of("field", "period", "message", "must be a year such as 2026"))));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/portal/departments/fin';--?period=2026").then()
                .statusCode(400).body("violations[0].field", equalTo("code"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/portal/league?period=2026&cycle=last").then()
                .statusCode(400).body("violations", equalTo(List.of(Map.of("field", "cycle", "message",
                        "must be a cycle's id (a UUID)"))));
        // a parameter the read model does not take is refused, not dropped: ?perod= answered the current year
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/portal/league?period=2026&perod=2025").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations", equalTo(List.of(Map.of("field", "perod", "message",
                        "is not a parameter of this operation; it takes cycle, period"))));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/portal/stream?subject=FIN").then().statusCode(400)
                .body("violations[0].message", equalTo("is not a parameter of this operation; it takes no query "
                        + "parameters"));
    }

    @Test
    void liveEventsArriveOverServerSentEventsAndADepartmentReceivesOnlyItsOwn() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String marker = UUID.randomUUID().toString();
        CompletableFuture<String> admin = firstData(http, TestTokens.admin(), marker, pool);
        CompletableFuture<String> edu = firstData(http, TestTokens.department("EDU"), marker, pool);
        Properties p = new Properties();
        p.put("bootstrap.servers", LocalKafka.shared().bootstrapServers());
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // the gateway's consumers start at the newest offset once assigned: publish until the streams see one
            while ((!admin.isDone() || !edu.isDone()) && System.nanoTime() < deadline) {
                for (String subject : new String[]{"FIN", "EDU"}) {
                    var r = new ProducerRecord<>("jixiao.indicator.events", subject,
                            "{\"subject\":\"" + subject + "\",\"period\":\"2026\",\"total\":81.5,\"m\":\"" + marker
                                    + "\"}");
                    r.headers().add("ce_type", "jixiao.indicator.scorecard.computed.v1".getBytes());
                    r.headers().add("ce_subject", subject.getBytes());
                    r.headers().add("ce_id", UUID.randomUUID().toString().getBytes());
                    producer.send(r).get();
                }
                Thread.sleep(300);
            }
        }
        String a = admin.get(5, TimeUnit.SECONDS);
        String e = edu.get(5, TimeUnit.SECONDS);
        assertTrue(a.contains("\"kind\":\"scorecard\"") && a.contains("\"total\":81.5"), a);
        assertTrue(e.contains("\"subject\":\"EDU\""), "a department's stream carries only its own subject: " + e);
        pool.shutdownNow();
        // the live groups are this instance's alone and start at the newest record: they keep no offsets on the broker
        // (the test profile's auto-commit interval is 100 ms, so a commit would have shown by now)
        Thread.sleep(1500);
        try (Admin kafka = Admin.create(Map.of("bootstrap.servers", LocalKafka.shared().bootstrapServers()))) {
            for (String suffix : List.of("-i", "-e", "-s", "-b")) {
                String group = liveGroup + suffix;
                ConsumerGroupDescription d = kafka.describeConsumerGroups(List.of(group)).all().get().get(group);
                assertEquals(1, d.members().size(), group + " is the gateway's live consumer: " + d);
                assertEquals(Map.of(), kafka.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(),
                        group + " committed offsets");
            }
        }
    }

    /** The first SSE data line carrying {@code marker}, read on a background thread. */
    private CompletableFuture<String> firstData(HttpClient http, String token, String marker, ExecutorService pool) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                HttpRequest req = HttpRequest.newBuilder(stream).header("Authorization", "Bearer " + token)
                        .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(40)).build();
                HttpResponse<java.io.InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                try (var in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null;) {
                        if (line.startsWith("data:") && line.contains(marker)) {
                            return line.substring(5);
                        }
                    }
                }
                return "stream ended with status " + res.statusCode();
            } catch (Exception ex) {
                return "failed: " + ex;
            }
        }, pool);
    }

}
