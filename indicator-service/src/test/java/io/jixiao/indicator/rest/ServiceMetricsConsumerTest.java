package io.jixiao.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.EventSamples;
import io.jixiao.testsupport.Eventually;
import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestDb;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** survey-service's monthly 好差评 metrics become PUBLIC-dimension values, once per event, corrected when republished. */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class ServiceMetricsConsumerTest {

    static final String TYPE = "jixiao.survey.service-metrics.computed.v1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }

    static void monthlyIndicator(String code, String source, String subject) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "nameZh", "政务服务好差评" + code, "dimension", "PUBLIC", "kind", "QUANTITATIVE",
                        "polarity", "HIGHER_BETTER", "target", 100, "weight", 10, "frequency", "MONTHLY",
                        "dataSource", source, "subjects", List.of(subject)))
                .post("/api/v1/indicators").then().statusCode(201);
    }

    @Test
    void metricsBecomeValuesOfTheIndicatorsThatNameThemAsSource() {
        String s = IndicatorApiTest.unique("HC");
        IndicatorApiTest.subject(s);
        String response = IndicatorApiTest.unique("RESP");
        String onTime = IndicatorApiTest.unique("ONTIME");
        String unrelated = IndicatorApiTest.unique("OTHER");
        monthlyIndicator(response, "survey:bad-review-response-rate", s);
        monthlyIndicator(onTime, "survey:on-time-rate", s);
        monthlyIndicator(unrelated, "manual", s);

        UUID first = EventSamples.send(bootstrap, "jixiao.survey.events", TYPE, s,
                EventSamples.with(TYPE, "subject", s, "period", "2026-10", "responseRate", 50, "onTimeRate", 25),
                UUID.randomUUID());
        Eventually.until("both values recorded", Duration.ofSeconds(20), () -> count(
                "select count(*) from indicator_value where subject_code = ?1 and period = '2026-10'", s) == 2);
        // the same event again changes nothing
        EventSamples.send(bootstrap, "jixiao.survey.events", TYPE, s,
                EventSamples.with(TYPE, "subject", s, "period", "2026-10", "responseRate", 50, "onTimeRate", 25),
                first);
        // a republication corrects the value and keeps the old one in the history
        EventSamples.send(bootstrap, "jixiao.survey.events", TYPE, s,
                EventSamples.with(TYPE, "subject", s, "period", "2026-10", "responseRate", 100, "onTimeRate", 25),
                UUID.randomUUID());
        Eventually.until("the correction recorded", Duration.ofSeconds(20), () -> count(
                "select count(*) from indicator_value where subject_code = ?1 and indicator_code = ?2", s,
                response) == 2);
        Eventually.until("every value of both events recorded once", Duration.ofSeconds(20), () -> count(
                "select count(*) from indicator_value where subject_code = ?1 and indicator_code = ?2", s,
                onTime) == 2);

        given().auth().oauth2(TestTokens.department(s)).queryParam("period", "2026-10")
                .get("/api/v1/subjects/{c}/values", s).then().statusCode(200)
                .body("find { it.indicator == '" + response + "' }.value", equalTo(100))
                .body("find { it.indicator == '" + response + "' }.source", equalTo("survey-service"))
                .body("find { it.indicator == '" + onTime + "' }.value", equalTo(25));
        assertEquals(0, count("select count(*) from indicator_value where indicator_code = ?1", unrelated));
        assertEquals(1, count("select count(*) from processed_event where event_id = ?1",
                first));
    }
}
