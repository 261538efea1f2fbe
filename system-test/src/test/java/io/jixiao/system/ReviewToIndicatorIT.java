package io.jixiao.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.TestTokens;
import io.restassured.http.ContentType;

/**
 * Across the services, through the gateway: a bad 好差评 rating opens a rectification case in survey-service, the
 * department answers it, and the month's metrics become the department's indicator values in indicator-service.
 */
class ReviewToIndicatorIT {

    @BeforeAll
    static void suite() {
        Suite.atGateway();
    }

    @Test
    void aBadReviewsRectificationReachesTheIndicatorValues() {
        String admin = TestTokens.admin();
        String dept = "HC" + System.nanoTime() % 100000;
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", dept, "nameZh", "行政审批局", "level", "DEPARTMENT")).post("/api/v1/subjects").then()
                .statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", "RESP" + dept, "nameZh",
                "政务服务好差评差评响应率", "dimension", "PUBLIC", "kind", "QUANTITATIVE", "polarity", "HIGHER_BETTER",
                "target", 100, "weight", 10, "frequency", "MONTHLY", "dataSource", "survey:bad-review-response-rate",
                "subjects", List.of(dept))).post("/api/v1/indicators").then().statusCode(201);

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        String month = YearMonth.from(now).toString();
        String hall = TestTokens.system("service-hall");
        String caseId = ThinSliceIT.until(201, Duration.ofSeconds(30), () -> given().auth().oauth2(hall)
                .contentType(ContentType.JSON).body(Map.of("caseNo", "BJ-" + dept + "-0001", "subject", dept,
                        "serviceItem", "企业开办", "level", "VERY_DISSATISFIED", "comment", "材料被退回三次"))
                .post("/api/v1/reviews")).path("rectification.id");
        given().auth().oauth2(hall).contentType(ContentType.JSON).body(Map.of("caseNo", "BJ-" + dept + "-0002",
                "subject", dept, "level", "DISSATISFIED")).post("/api/v1/reviews").then().statusCode(201);
        given().auth().oauth2(TestTokens.department(dept)).contentType(ContentType.JSON)
                .body(Map.of("answer", "已一次性告知材料清单并上门服务")).post("/api/v1/rectifications/{id}/answer", caseId)
                .then().statusCode(200).body("answeredOnTime", equalTo(true));

        given().auth().oauth2(admin).post("/api/v1/reviews/metrics/{m}/publish", month).then().statusCode(200)
                .body("find { it.subject == '" + dept + "' }.responseRate", equalTo(50));
        // one of two bad reviews answered: 50 reaches indicator-service as the month's value
        ThinSliceIT.until(Duration.ofSeconds(30), () -> given().auth().oauth2(TestTokens.department(dept))
                .queryParam("period", month).get("/api/v1/subjects/{c}/values", dept),
                r -> r.statusCode() == 200 && !r.jsonPath().getList("$").isEmpty()).then()
                .body("[0].indicator", equalTo("RESP" + dept)).body("[0].value", equalTo(50))
                .body("[0].source", equalTo("survey-service"));
    }
}
