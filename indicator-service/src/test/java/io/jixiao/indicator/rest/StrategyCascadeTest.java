package io.jixiao.indicator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jixiao.testsupport.JixiaoTestResource;
import io.jixiao.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Mission → objectives with cause-effect links that only run up the strategy map → indicators; tree and graph. */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class StrategyCascadeTest {

    static void objective(String code, String mission, String dimension, List<String> causes, int status) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "mission", mission, "dimension", dimension, "nameZh", "目标" + code,
                        "causes", causes))
                .post("/api/v1/objectives").then().statusCode(status);
    }

    @Test
    void theCascadeReadsAsATreeAndAsAGraphAndLinksOnlyRunUpward() {
        String m = IndicatorApiTest.unique("M");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", m, "nameZh", "建设人民满意的服务型政府", "statement", "服务型政府"))
                .post("/api/v1/missions").then().statusCode(201);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", m, "nameZh", "重复")).post("/api/v1/missions").then().statusCode(409);
        String lrn = m + "-LRN";
        String pro = m + "-PRO";
        String pub = m + "-PUB";
        String fin = m + "-FIN";
        String pol = m + "-POL";
        objective(lrn, m, "LEARNING", List.of(), 201);
        objective(pro, m, "PROCESS", List.of(lrn), 201);
        objective(pub, m, "PUBLIC", List.of(pro), 201);
        objective(fin, m, "FINANCIAL", List.of(pub), 201);
        objective(pol, m, "POLITICAL", List.of(fin, pub), 201);
        // downward or sideways links, unknown causes and missions are refused and write nothing
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", m + "-X", "mission", m, "dimension", "LEARNING", "nameZh", "倒置",
                        "causes", List.of(pub)))
                .post("/api/v1/objectives").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("strategy map"));
        objective(m + "-Y", m, "PROCESS", List.of(pro), 422);
        objective(m + "-Z", m, "PUBLIC", List.of("NO-SUCH"), 422);
        objective(m + "-W", "NO-MISSION", "PUBLIC", List.of(), 404);
        given().auth().oauth2(TestTokens.department("FIN")).contentType(ContentType.JSON)
                .body(Map.of("code", m + "-V", "mission", m, "dimension", "PUBLIC", "nameZh", "越权"))
                .post("/api/v1/objectives").then().statusCode(403);

        // an indicator measures an objective of its own dimension
        String ind = IndicatorApiTest.unique("I");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", ind, "nameZh", "一网通办占比", "dimension", "PROCESS", "objective", pro, "kind",
                        "QUANTITATIVE", "target", 90, "weight", 10, "subjects", List.of()))
                .post("/api/v1/indicators").then().statusCode(201);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("code", ind + "B", "nameZh", "错位", "dimension", "FINANCIAL", "objective", pro, "kind",
                        "QUANTITATIVE", "target", 90, "weight", 10))
                .post("/api/v1/indicators").then().statusCode(422).body("detail", containsString("PROCESS"));

        given().auth().oauth2(TestTokens.department("FIN")).get("/api/v1/missions/{m}/tree", m).then()
                .statusCode(200).body("dimensions.dimension", equalTo(List.of("POLITICAL", "FINANCIAL", "PUBLIC",
                        "PROCESS", "LEARNING")))
                .body("dimensions[3].objectives[0].code", equalTo(pro))
                .body("dimensions[3].objectives[0].causes", equalTo(List.of(lrn)))
                .body("dimensions[3].objectives[0].indicators[0].code", equalTo(ind))
                .body("dimensions[0].objectives[0].causes", hasSize(2));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/missions/{m}/graph", m).then().statusCode(200)
                .body("nodes", hasSize(7))
                .body("edges.findAll { it.kind == 'CAUSES' }", hasSize(5))
                .body("edges.findAll { it.kind == 'SERVES' }", hasSize(5))
                .body("edges.find { it.kind == 'MEASURES' }.to", equalTo(pro))
                .body("edges.findAll { it.kind == 'CAUSES' }.from", hasItem(lrn));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/missions/NOPE/graph").then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/objectives?mission=" + m).then().statusCode(200)
                .body("", hasSize(5));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/objectives").then().statusCode(400);
    }
}
