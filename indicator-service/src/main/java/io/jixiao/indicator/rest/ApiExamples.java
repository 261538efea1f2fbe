package io.jixiao.indicator.rest;

/**
 * Request examples for the OpenAPI document (DESIGN section 8), in the demo city's codes. {@code OpenApiIT} checks
 * every one against its operation's schema, so an example cannot drift from the request it shows.
 */
final class ApiExamples {

    static final String SUBJECT = """
            {"code": "EDU-SCH1", "nameZh": "市第一中学", "nameEn": "No. 1 Middle School", "parentCode": "EDU",
             "level": "UNIT", "activeFrom": "2026-01-01"}""";

    static final String SUBJECT_REVISION = """
            {"nameZh": "市第一中学", "nameEn": "No. 1 Middle School", "parentCode": "EDU", "level": "UNIT",
             "activeFrom": "2026-01-01", "activeTo": "2026-12-31"}""";

    static final String MISSION = """
            {"code": "CITY-2026", "nameZh": "建设人民满意的服务型政府",
             "nameEn": "A service-oriented government the people are satisfied with",
             "statement": "以人民为中心，提升政务服务效能和公众满意度"}""";

    static final String PROCESS_OBJECTIVE = """
            {"code": "OBJ-PRO-ONE-NET", "mission": "CITY-2026", "dimension": "PROCESS", "nameZh": "推进“一网通办”",
             "nameEn": "Handle matters online in one place"}""";

    static final String OBJECTIVE = """
            {"code": "OBJ-PUB-SERVICE", "mission": "CITY-2026", "dimension": "PUBLIC", "nameZh": "提升政务服务满意度",
             "nameEn": "Raise satisfaction with public services", "causes": ["OBJ-PRO-ONE-NET"]}""";

    static final String INDICATOR = """
            {"code": "PUB-REVISIT", "nameZh": "12345热线回访满意率", "nameEn": "12345 hotline callers satisfied on return call",
             "dimension": "PUBLIC", "objective": "OBJ-PUB-SERVICE", "kind": "QUANTITATIVE", "unit": "%",
             "polarity": "HIGHER_BETTER", "baseline": 88, "target": 95, "floor": 70, "weight": 10,
             "frequency": "MONTHLY", "dataSource": "12345热线系统", "validFrom": "2026"}""";

    static final String QUALITATIVE_INDICATOR = """
            {"code": "POL-RESP", "nameZh": "意识形态工作责任制落实情况", "nameEn": "Ideological work responsibility",
             "dimension": "POLITICAL", "kind": "QUALITATIVE", "rubric": {"A": 100, "B": 80, "C": 60, "D": 0},
             "gate": true, "weight": 10, "frequency": "YEARLY", "dataSource": "市委考核办", "validFrom": "2026"}""";

    static final String INDICATOR_VERSION = """
            {"nameZh": "12345热线回访满意率", "nameEn": "12345 hotline callers satisfied on return call", "dimension": "PUBLIC",
             "objective": "OBJ-PUB-SERVICE", "kind": "QUANTITATIVE", "unit": "%", "polarity": "HIGHER_BETTER",
             "target": 97, "floor": 75, "weight": 10, "frequency": "MONTHLY", "dataSource": "12345热线系统",
             "validFrom": "2027", "reason": "2027年起目标值上调至97%"}""";

    static final String SCORECARD = """
            {"dimensionWeights": {"POLITICAL": 20, "PUBLIC": 30, "FINANCIAL": 15, "PROCESS": 20, "LEARNING": 15},
             "greenThreshold": 85, "yellowThreshold": 60,
             "lines": [{"indicator": "PUB-HOTLINE", "weight": 15, "target": 97},
                       {"indicator": "LRN-DIGITAL", "notApplicable": true}],
             "reason": "2027年度考核方案调整：热线目标提高，数字化学习指标本单位不适用"}""";

    static final String VALUE = """
            {"subject": "EDU", "indicator": "PUB-HOTLINE", "period": "2027", "value": 96.4,
             "source": "12345热线系统", "evidenceUrl": "https://12345.example.gov.cn/reports/2027/EDU"}""";

    static final String QUALITATIVE_VALUE = """
            {"subject": "EDU", "indicator": "POL-RESP", "period": "2027", "level": "B", "source": "市委考核办"}""";

    static final String CORRECTION = """
            {"subject": "EDU", "indicator": "PUB-HOTLINE", "period": "2027", "value": 95.8,
             "source": "12345热线系统", "correctionReason": "剔除3件重复工单后重新统计"}""";

    static final String BULK = """
            {"values": [
              {"subject": "EDU", "indicator": "PUB-HOTLINE", "period": "2026-03", "value": 96.4,
               "source": "12345热线系统"},
              {"subject": "HEALTH", "indicator": "PUB-HOTLINE", "period": "2026-03", "value": 91.2,
               "source": "12345热线系统"},
              {"subject": "HEALTH", "indicator": "POL-RESP", "period": "2027", "level": "A"}]}""";

    static final String CSV = """
            subject,indicator,period,value,level,source,evidenceUrl,correctionReason
            EDU,PUB-HOTLINE,2026-03,96.4,,12345热线系统,,
            HEALTH,PUB-HOTLINE,2026-03,91.2,,12345热线系统,,
            FIN,POL-RESP,2027,,A,市委考核办,,
            """;

    static final String FLAG_REVIEW = """
            {"decision": "ACCEPT", "note": "经核实，系新校区投入使用所致，数据真实"}""";

    static final String ZOMBIE_SCAN = """
            {"year": 2026}""";

    private ApiExamples() {
    }
}
