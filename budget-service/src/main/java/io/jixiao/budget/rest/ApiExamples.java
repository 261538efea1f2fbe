package io.jixiao.budget.rest;

/**
 * Request examples for the OpenAPI document (DESIGN section 8), in the demo city's codes. {@code OpenApiIT} checks
 * every one against its operation's schema, so an example cannot drift from the request it shows.
 */
final class ApiExamples {

    static final String PROJECT = """
            {"subject": "EDU", "fiscalYear": 2026, "category": "LIVELIHOOD", "name": "义务教育薄弱学校改造",
             "approvedAmount": 2500000.00, "linkedIndicators": ["PUB-HOTLINE"]}""";

    static final String EXECUTION = """
            {"amount": 120000.50, "spentOn": "2026-05-06", "note": "第一期工程款"}""";

    static final String EXECUTION_ROWS = """
            [{"project": "5b1f7a2c-3e4d-4f60-8a9b-0c1d2e3f4a5b", "amount": 120000.50, "spentOn": "2026-05-06",
              "note": "第一期工程款"},
             {"project": "5b1f7a2c-3e4d-4f60-8a9b-0c1d2e3f4a5b", "amount": 80000, "spentOn": "2026-06-18"}]""";

    static final String EXECUTION_CSV = """
            project,amount,spentOn,note,overspend
            5b1f7a2c-3e4d-4f60-8a9b-0c1d2e3f4a5b,120000.50,2026-05-06,第一期工程款,false
            5b1f7a2c-3e4d-4f60-8a9b-0c1d2e3f4a5b,80000,2026-06-18,,false
            """;

    static final String RULES = """
            {"gradeAdjustment": {"EXCELLENT": 10, "GOOD": 0, "PASS": -10, "FAIL": -30},
             "excellentCeiling": 20, "cancelAfterFailYears": 2, "politicalThreshold": 60, "politicalPenalty": -10,
             "livelihoodMaxCut": 10, "bands": [{"from": 0, "to": 40, "adjustment": -89.16}],
             "monitoring": {"redPace": 0.5, "yellowPace": 0.8, "redGoal": 60, "yellowGoal": 80}}""";

    static final String DISPOSAL_CLOSE = """
            {"action": "RECTIFY", "note": "已约谈项目单位，三季度执行率恢复至75%，继续跟踪"}""";

    static final String EX_ANTE = """
            {"name": "智慧教育平台二期", "initialCost": 3000000, "discountRate": 0.05,
             "years": [{"year": 1, "cost": 200000, "benefit": 1200000},
                       {"year": 2, "cost": 200000, "benefit": 1500000},
                       {"year": 3, "cost": 200000, "benefit": 1500000}],
             "requestedAmount": 3000000}""";

    private ApiExamples() {
    }
}
