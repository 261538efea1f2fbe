package io.jixiao.survey.bench;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jixiao.survey.domain.Satisfaction;
import io.jixiao.survey.service.SatisfactionService;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 5's number: recompute a satisfaction index over 1 million counted responses (two groups) on real PostgreSQL.
 * Run: ./mvnw -Pbench -pl survey-service test
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
@Tag("benchmark")
class SatisfactionBenchmarkTest {

    static final int RESPONSES = 1_000_000;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Inject
    SatisfactionService service;

    @Test
    void recomputeOverAMillionResponses() {
        String s = TestDb.registeredSubject(em, bootstrap, "B");
        String survey = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of(
                "subject", s, "period", "2030", "titleZh", "百万样本", "groupWeights", Map.of("CITIZEN", 60,
                        "ENTERPRISE", 40),
                "questions", List.of(Map.of("code", "q1", "group", "CITIZEN", "type", "LIKERT5", "textZh", "q1"),
                        Map.of("code", "e1", "group", "ENTERPRISE", "type", "LIKERT5", "textZh", "e1"))))
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        long t0 = System.nanoTime();
        QuarkusTransaction.requiringNew().timeout(600).run(() -> em.createNativeQuery("""
                insert into survey_response (id, survey_id, subject_code, period, respondent, channel, fingerprint,
                    duration_ms, score, status, flags, answers, submitted_at)
                select gen_random_uuid(), cast(?1 as uuid), ?2, '2030',
                       case when i % 3 = 0 then 'ENTERPRISE' else 'CITIZEN' end, 'WEB', md5(i::text) || md5(i::text),
                       30000, (i % 5) * 25, 'COUNTED', '[]'::jsonb, '[]'::jsonb, now()
                  from generate_series(1, ?3) i""").setParameter(1, survey).setParameter(2, s)
                .setParameter(3, RESPONSES).executeUpdate());
        System.out.printf("%n[bench] loaded %,d responses in %.1f s%n", RESPONSES, (System.nanoTime() - t0) / 1e9);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("analyze survey_response").executeUpdate());

        List<Long> ms = new ArrayList<>();
        Satisfaction last = null;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            last = QuarkusTransaction.requiringNew().call(() -> service.recompute(s, "2030"));
            ms.add((System.nanoTime() - t) / 1_000_000);
        }
        Collections.sort(ms);
        System.out.printf("[bench] satisfaction index over %,d responses (2 groups, SQL aggregates, SE and 95%% CI):"
                + " median %d ms, best %d ms, worst %d ms (5 runs)%n%n", RESPONSES, ms.get(2), ms.get(0), ms.get(4));
        Assertions.assertEquals(RESPONSES, last.n);
        // every group's scores are 0, 25, 50, 75, 100 nearly equally often: each group's mean is 50 ± 0.01
        Assertions.assertEquals(0, last.index.setScale(1, java.math.RoundingMode.HALF_UP)
                .compareTo(new BigDecimal("50.0")));
    }
}
