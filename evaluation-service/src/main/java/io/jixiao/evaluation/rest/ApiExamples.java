package io.jixiao.evaluation.rest;

/**
 * Request examples for the OpenAPI document (DESIGN section 8), in the demo city's codes. {@code OpenApiIT} checks
 * every one against its operation's schema, so an example cannot drift from the request it shows.
 */
final class ApiExamples {

    static final String CYCLE = """
            {"name": "2026年度市直部门综合绩效考评", "period": "2026", "subjects": ["FIN", "EDU", "HEALTH"],
             "weights": {"SUPERIOR": 40, "PUBLIC": 30, "THIRD_PARTY": 20, "PEER": 10},
             "objectiveShare": 0.5, "selfShare": 0.2, "missingPolicy": "RENORMALIZE", "minPublicSample": 30,
             "trimAtLeast": 5, "appealWindowDays": 10, "greenThreshold": 85, "yellowThreshold": 60}""";

    static final String ASSIGNMENTS = """
            {"assignments": [
              {"party": "SUPERIOR", "evaluator": "mayor", "subject": "EDU"},
              {"party": "THIRD_PARTY", "evaluator": "ORG-ZJU-EVAL", "subject": "EDU"},
              {"party": "THIRD_PARTY", "evaluator": "ORG-ZJU-EVAL", "subject": "HEALTH"},
              {"party": "PEER", "evaluator": "HEALTH", "subject": "EDU"}]}""";

    static final String RATING = """
            {"subject": "EDU", "party": "THIRD_PARTY",
             "criteria": [{"code": "PROFESSIONAL_COMPLIANCE", "score": 90, "weight": 3},
                          {"code": "SERVICE_QUALITY", "score": 70, "weight": 1}],
             "comment": "抽查20所学校，课后服务覆盖率达标；家长投诉处理偏慢",
             "evidenceUrl": "https://assessor.example.org/reports/2026/EDU"}""";

    static final String SUPERIOR_RATING = """
            {"subject": "EDU", "party": "SUPERIOR",
             "criteria": [{"code": "GOAL_ACHIEVEMENT", "score": 88}, {"code": "STRATEGIC_FIT", "score": 92}]}""";

    static final String BULK_RATINGS = """
            {"ratings": [
              {"subject": "EDU", "party": "THIRD_PARTY",
               "criteria": [{"code": "PROFESSIONAL_COMPLIANCE", "score": 90}, {"code": "SERVICE_QUALITY", "score": 70}]},
              {"subject": "HEALTH", "party": "THIRD_PARTY",
               "criteria": [{"code": "PROFESSIONAL_COMPLIANCE", "score": 84}, {"code": "SERVICE_QUALITY", "score": 81}]}]}""";

    static final String APPEAL = """
            {"reason": "上级评分未计入我局第四季度完成的重点任务（见市政府督查通报2026年第12期）"}""";

    static final String ACCEPT = """
            {"note": "核实后上调：第四季度重点任务已按期完成",
             "ratings": [{"rating": "0f8c1b3e-5a4d-4c2e-9b7a-3d2f1e0c9b8a",
                          "criteria": [{"code": "GOAL_ACHIEVEMENT", "score": 90}]}]}""";

    static final String REJECT = """
            {"note": "所述任务已在上级评分中计入，维持原结果"}""";

    private ApiExamples() {
    }
}
