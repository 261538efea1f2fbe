package io.jixiao.survey.rest;

/**
 * Request examples for the OpenAPI document (DESIGN section 8), in the demo city's codes. {@code OpenApiIT} checks
 * every one against its operation's schema, so an example cannot drift from the request it shows.
 */
final class ApiExamples {

    static final String QUESTIONS = """
            "groupWeights": {"CITIZEN": 70, "ENTERPRISE": 30},
            "questions": [
             {"code": "q1", "group": "CITIZEN", "type": "LIKERT5", "textZh": "您对办事效率是否满意？",
              "textEn": "How satisfied are you with how fast your matter was handled?", "required": true,
              "weight": 2},
             {"code": "q2", "group": "CITIZEN", "type": "SINGLE_CHOICE", "textZh": "工作人员服务态度如何？",
              "textEn": "How was the staff's attitude?", "required": true,
              "options": [{"code": "a", "labelZh": "热情周到", "labelEn": "Warm and thorough", "points": 100},
                          {"code": "b", "labelZh": "一般", "labelEn": "Average", "points": 60},
                          {"code": "c", "labelZh": "冷淡", "labelEn": "Cold", "points": 0}]},
             {"code": "q3", "group": "CITIZEN", "type": "TEXT", "textZh": "其他意见建议",
              "textEn": "Anything else?"},
             {"code": "e1", "group": "ENTERPRISE", "type": "NPS",
              "textZh": "您有多大可能向其他企业推荐在本市办理此项业务？",
              "textEn": "How likely are you to recommend doing this here to another company?", "required": true}],
            "serviceItem": "医保异地就医备案", "opensAt": "2026-03-01T00:00:00+08:00",
            "closesAt": "2026-12-31T23:59:59+08:00"}""";

    static final String SURVEY = """
            {"subject": "HEALTH", "period": "2026", "titleZh": "2026年市卫生健康委政务服务满意度调查",
             "titleEn": "2026 satisfaction survey: Health Commission services", "access": "PUBLIC",
            """ + QUESTIONS;

    static final String SURVEY_REVISION = """
            {"titleZh": "2026年市卫生健康委政务服务满意度调查（修订）",
             "titleEn": "2026 satisfaction survey: Health Commission services (revised)",
            """ + QUESTIONS;

    static final String RESPONSE = """
            {"group": "CITIZEN", "channel": "WEB", "durationMs": 52000,
             "answers": [{"question": "q1", "value": 4}, {"question": "q2", "choice": "a"},
                         {"question": "q3", "text": "窗口工作人员很耐心，希望增加周末窗口"}]}""";

    static final String TOKENS = """
            {"count": 500, "channel": "HALL"}""";

    static final String RESPONSE_REVIEW = """
            {"decision": "COUNT"}""";

    static final String REVIEW = """
            {"caseNo": "HALL-2026-000123", "subject": "HEALTH", "serviceItem": "医保异地就医备案",
             "level": "DISSATISFIED", "channel": "HALL", "comment": "排队时间过长，材料要求未一次性告知",
             "ratedAt": "2026-09-26T10:00:00+08:00"}""";

    static final String VOID = """
            {"reason": "MALICIOUS", "note": "同一号码一日内对无关事项连续差评12次，经核查系恶意评价"}""";

    static final String ANSWER = """
            {"answer": "已增设周末窗口并印发一次性告知清单，已电话回访当事人"}""";

    static final String CLOSE = """
            {"note": "整改到位，当事人回访满意，予以办结"}""";

    static final String CALENDAR = """
            {"days": [{"date": "2026-10-01", "kind": "HOLIDAY", "name": "国庆节"},
                      {"date": "2026-10-02", "kind": "HOLIDAY", "name": "国庆节"},
                      {"date": "2026-10-10", "kind": "WORKDAY", "name": "国庆调休"}]}""";

    private ApiExamples() {
    }
}
