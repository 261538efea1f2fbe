import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the demo city through the gateway, as its users would: ten departments under the city, ten common indicators
 * over the five dimensions, two years of values reported by the departments, a finalized and published 2025 cycle,
 * an open 2026 cycle with ratings, three satisfaction surveys with answers, budget projects for both years with their
 * spending imported as the finance system would, 好差评 ratings from the service hall whose bad ones the departments
 * answer (one left unanswered past its due date), and today's budget monitoring, whose RED projects open disposal
 * tasks.
 *
 * Run: java tools/demo/DemoCity.java http://127.0.0.1:8080   (JDK 17 runs a single source file; no build needed)
 */
public class DemoCity {

    record Dept(String code, String zh, String en, double strength) {
    }

    record Ind(String code, String zh, String en, String dim, String polarity, double target, Double floor, String unit,
            boolean gate, double low, double high) {
    }

    static final List<Dept> DEPTS = List.of(new Dept("FIN", "市财政局", "Finance Bureau", 0.92),
            new Dept("EDU", "市教育局", "Education Bureau", 0.85), new Dept("HEALTH", "市卫生健康委", "Health Commission", 0.78),
            new Dept("TRANS", "市交通运输局", "Transport Bureau", 0.70), new Dept("ENV", "市生态环境局", "Ecology Bureau", 0.88),
            new Dept("HRSS", "市人社局", "Human Resources Bureau", 0.64), new Dept("MARKET", "市市场监管局", "Market Regulation", 0.81),
            new Dept("HOUSING", "市住建局", "Housing Bureau", 0.55), new Dept("AGRI", "市农业农村局", "Agriculture Bureau", 0.74),
            new Dept("CIVIL", "市民政局", "Civil Affairs Bureau", 0.95));

    static final List<Ind> INDS = List.of(
            new Ind("POL-STUDY", "理论学习完成率", "Theory study completion", "POLITICAL", "HIGHER_BETTER", 100, 60.0, "%", false, 60, 100),
            new Ind("POL-INTEGRITY", "党风廉政建设考核得分", "Integrity assessment score", "POLITICAL", "HIGHER_BETTER", 100, 0.0, "分", true, 50, 100),
            new Ind("PUB-HOTLINE", "12345热线按时办结率", "12345 hotline cases closed on time", "PUBLIC", "HIGHER_BETTER", 95, 70.0, "%", false, 70, 99),
            new Ind("PUB-ONLINE", "政务服务好评率", "Good-review rate of government services", "PUBLIC", "HIGHER_BETTER", 98, 80.0, "%", false, 80, 99.5),
            new Ind("FIN-EXEC", "预算执行率", "Budget execution rate", "FINANCIAL", "HIGHER_BETTER", 95, 60.0, "%", false, 60, 100),
            new Ind("FIN-THREE", "“三公”经费增长率", "Growth of official travel, vehicle and reception spending", "FINANCIAL", "LOWER_BETTER", 0, 10.0, "%", false, -5, 12),
            new Ind("PRO-ONE-NET", "“一网通办”办件占比", "Share of cases handled online (一网通办)", "PROCESS", "HIGHER_BETTER", 90, 50.0, "%", false, 50, 98),
            new Ind("PRO-DAYS", "平均办结时限", "Average days to close a case", "PROCESS", "LOWER_BETTER", 5, 15.0, "工作日", false, 3, 15),
            new Ind("LRN-TRAIN", "人均培训学时", "Training hours per person", "LEARNING", "HIGHER_BETTER", 40, 10.0, "学时", false, 10, 50),
            new Ind("LRN-DIGITAL", "数字化改革项目数", "Digital reform projects", "LEARNING", "HIGHER_BETTER", 5, null, "个", false, 0, 7));

    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String base;
    static int calls;

    public static void main(String[] args) throws Exception {
        base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        String admin = token("role=admin&sub=perf-office");
        String finance = token("role=finance&sub=finance-bureau");
        String mayor = token("role=superior&sub=mayor");
        String assessor = token("role=assessor&sub=assessor-1&org=ASSESS-CO");
        String hotline = token("role=system&sub=hotline-12345");

        progress(1, "subjects: the city and 10 departments");
        post(admin, "/api/v1/subjects", "{\"code\":\"CITY\",\"nameZh\":\"示范市人民政府\",\"nameEn\":\"Demo City\",\"level\":\"CITY\"}", 201, 409);
        for (Dept d : DEPTS) {
            post(admin, "/api/v1/subjects", String.format("{\"code\":\"%s\",\"nameZh\":\"%s\",\"nameEn\":\"%s\",\"parentCode\":\"CITY\",\"level\":\"DEPARTMENT\"}",
                    d.code, d.zh, d.en), 201, 409);
        }

        progress(2, "indicators: 10 common over the five dimensions (one political gate), one of the civil affairs bureau's own");
        for (Ind i : INDS) {
            String floor = i.floor == null ? "" : ",\"floor\":" + i.floor;
            post(admin, "/api/v1/indicators", String.format(Locale.ROOT,
                    "{\"code\":\"%s\",\"nameZh\":\"%s\",\"nameEn\":\"%s\",\"dimension\":\"%s\",\"kind\":\"QUANTITATIVE\",\"polarity\":\"%s\","
                            + "\"target\":%s%s,\"unit\":\"%s\",\"gate\":%s,\"weight\":10,\"frequency\":\"YEARLY\",\"dataSource\":\"%s\"}",
                    i.code, i.zh, i.en, i.dim, i.polarity, i.target, floor, i.unit, i.gate,
                    i.code.startsWith("PUB") ? "12345热线/政务服务网" : "部门填报"), 201, 409);
        }

        // the civil affairs bureau's own satisfaction-type measure: a value above 99 is held for the office's review
        post(admin, "/api/v1/indicators", "{\"code\":\"CIV-FOLLOWUP\",\"nameZh\":\"低保对象回访满意率\",\"nameEn\":"
                + "\"Follow-up satisfaction of subsistence-allowance recipients\",\"dimension\":\"PUBLIC\",\"kind\":\"QUANTITATIVE\","
                + "\"polarity\":\"HIGHER_BETTER\",\"target\":95,\"floor\":80,\"unit\":\"%\",\"weight\":10,\"frequency\":\"YEARLY\","
                + "\"satisfaction\":true,\"dataSource\":\"民政回访系统\",\"subjects\":[\"CIVIL\"]}", 201, 409);

        progress(3, "values: 2 years × 10 departments × 10 indicators, and the civil affairs bureau's own (2026's held for review)");
        int n = 0;
        for (String year : List.of("2025", "2026")) {
            for (Dept d : DEPTS) {
                String tok = token("role=department&sub=" + d.code.toLowerCase() + "-officer&dept=" + d.code);
                for (Ind i : INDS) {
                    double q = Math.min(1, Math.max(0, d.strength + (year.equals("2026") ? 0.04 : 0)
                            + 0.08 * Math.sin(d.code.hashCode() + i.code.hashCode())));
                    double v = i.polarity.equals("LOWER_BETTER") ? i.high - q * (i.high - i.low) : i.low + q * (i.high - i.low);
                    if (i.code.equals("LRN-DIGITAL")) {
                        v = Math.round(v);
                    }
                    String who = i.code.startsWith("PUB") ? hotline : tok;
                    post(who, "/api/v1/values", String.format(Locale.ROOT,
                            "{\"subject\":\"%s\",\"indicator\":\"%s\",\"period\":\"%s\",\"value\":%.2f,\"source\":\"%s\"}",
                            d.code, i.code, year, v, i.code.startsWith("PUB") ? "HOTLINE_12345" : "DEPARTMENT"), 201, 409);
                    if (++n % 50 == 0) {
                        System.out.printf("      %d/200 values%n", n);
                    }
                }
            }
        }

        // 2026's 99.60 is above 99: held as SUSPICIOUS_HIGH, not scored, until the office accepts it (数据质量 on the portal)
        String civil = token("role=department&sub=civil-officer&dept=CIVIL");
        for (String[] v : new String[][] { { "2025", "97.80" }, { "2026", "99.60" } }) {
            post(civil, "/api/v1/values", "{\"subject\":\"CIVIL\",\"indicator\":\"CIV-FOLLOWUP\",\"period\":\"" + v[0]
                    + "\",\"value\":" + v[1] + ",\"source\":\"DEPARTMENT\"}", 201, 409);
        }

        // the education bureau's 2026 scorecard as set at the start of the year, then changed mid-year with the
        // office's reason: the public dimension weighs more, learning less (the history on its page tells both)
        String weights = "{\"POLITICAL\":20,\"PUBLIC\":%d,\"FINANCIAL\":20,\"PROCESS\":20,\"LEARNING\":%d}";
        send(put(admin, "/api/v1/subjects/EDU/scorecards/2026", "{\"dimensionWeights\":" + String.format(weights, 20, 20)
                + "}"), 200, 422);
        send(put(admin, "/api/v1/subjects/EDU/scorecards/2026", "{\"dimensionWeights\":" + String.format(weights, 30, 10)
                + ",\"reason\":\"市考核办2026年第2号通知：公众维度权重由20%调整为30%，学习成长维度由20%调整为10%\"}"), 200);
        System.out.println("      EDU's 2026 scorecard configured, then changed with a reason (its history is on EDU's page)");

        progress(4, "budget projects for 2025 and 2026 (finance), their spending imported from the finance system");
        StringBuilder spending = new StringBuilder("project,amount,spentOn,note\n");
        for (Dept d : DEPTS) {
            for (String year : List.of("2025", "2026")) {
                long general = 800_000 + 50_000L * d.code.length();
                String project = id(retry(finance, "/api/v1/budget/projects", String.format(Locale.ROOT,
                        "{\"subject\":\"%s\",\"fiscalYear\":%s,\"category\":\"GENERAL\",\"name\":\"%s信息化建设\",\"approvedAmount\":%d.00,\"linkedIndicators\":[\"FIN-EXEC\",\"PRO-ONE-NET\"]}",
                        d.code, year, d.zh, general)));
                // information systems are paid for late in the year: a pace below the livelihood project's
                spend(spending, project, Integer.parseInt(year), general * 100, d.strength - 0.08);
                long livelihood = 2_000_000 + 100_000L * d.code.length();
                project = id(retry(finance, "/api/v1/budget/projects", String.format(Locale.ROOT,
                        "{\"subject\":\"%s\",\"fiscalYear\":%s,\"category\":\"LIVELIHOOD\",\"name\":\"%s民生保障\",\"approvedAmount\":%d.50,\"linkedIndicators\":[\"PUB-HOTLINE\"]}",
                        d.code, year, d.zh, livelihood)));
                spend(spending, project, Integer.parseInt(year), livelihood * 100 + 50, d.strength + 0.05);
            }
        }
        String report = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/budget/executions/import"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token("role=system&sub=finance-system"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(spending.toString(), StandardCharsets.UTF_8)), 200);
        System.out.println("      spending: " + report);

        progress(5, "satisfaction surveys (FIN, EDU, HEALTH) with 35 answers each");
        for (String code : List.of("FIN", "EDU", "HEALTH")) {
            String survey = id(retry(admin, "/api/v1/surveys", "{\"subject\":\"" + code + "\",\"period\":\"2026\","
                    + "\"titleZh\":\"2026年度政务服务满意度调查\",\"titleEn\":\"2026 public service satisfaction\","
                    + "\"groupWeights\":{\"CITIZEN\":60,\"ENTERPRISE\":40},\"questions\":["
                    + "{\"code\":\"q1\",\"group\":\"CITIZEN\",\"type\":\"LIKERT5\",\"textZh\":\"您对办事便利程度满意吗？\",\"textEn\":\"How convenient was it?\",\"required\":true},"
                    + "{\"code\":\"q2\",\"group\":\"CITIZEN\",\"type\":\"GOOD_BAD5\",\"textZh\":\"您对工作人员服务的评价\",\"textEn\":\"How was the staff's service?\",\"required\":true},"
                    + "{\"code\":\"q3\",\"group\":\"CITIZEN\",\"type\":\"TEXT\",\"textZh\":\"意见和建议\",\"textEn\":\"Suggestions\"},"
                    + "{\"code\":\"e1\",\"group\":\"ENTERPRISE\",\"type\":\"NPS\",\"textZh\":\"您向其他企业推荐本地营商环境的可能性\",\"textEn\":\"Would you recommend the business environment?\",\"required\":true}]}"));
            post(admin, "/api/v1/surveys/" + survey + "/open", "", 200);
            String[] levels = { "VERY_SATISFIED", "SATISFIED", "SATISFIED", "BASIC", "UNSATISFIED" };
            for (int k = 0; k < 35; k++) {
                String body = k % 3 == 2
                        ? "{\"group\":\"ENTERPRISE\",\"channel\":\"WEB\",\"durationMs\":40000,\"answers\":[{\"question\":\"e1\",\"value\":" + (5 + (k * 7 + code.length()) % 6) + "}]}"
                        : "{\"group\":\"CITIZEN\",\"channel\":\"" + (k % 2 == 0 ? "HALL" : "APP") + "\",\"durationMs\":52000,\"answers\":[{\"question\":\"q1\",\"value\":"
                                + (2 + (k + code.length()) % 4) + "},{\"question\":\"q2\",\"choice\":\"" + levels[(k + code.length()) % 5] + "\"}]}";
                answer("/api/v1/public/surveys/" + survey + "/responses", body, "DemoPhone/" + code + "-" + k);
            }
        }

        progress(6, "好差评: service-hall ratings of four departments; the bad ones answered, one left past its due date");
        reviews();

        progress(7, "the 2025 cycle: ratings, finalized and published (drives the 2026 budget proposals)");
        String c2025 = cycle(admin, "2025", "2025年度综合绩效考评");
        rateAll(c2025, mayor, assessor, 0);
        post(admin, "/api/v1/cycles/" + c2025 + "/close", "", 200);
        post(admin, "/api/v1/cycles/" + c2025 + "/finalize", "", 200);
        post(admin, "/api/v1/cycles/" + c2025 + "/publish", "", 200);

        progress(8, "the 2026 cycle: open, with superior, assessor and peer ratings");
        String c2026 = cycle(admin, "2026", "2026年度综合绩效考评");
        rateAll(c2026, mayor, assessor, 3);

        // today's monitoring, as the daily run does it from 06:00: the projects that are RED open disposal tasks
        // (the goal scores came with the values of step 3, through the events)
        progress(9, "the budget's monitoring as of today: a RED project opens a disposal task for finance");
        String run = post(finance, "/api/v1/budget/monitoring/run?year=2026", "", 200);
        System.out.println("      monitoring: " + run);

        System.out.printf("%n  demo city loaded (%d API calls). Open cycle: %s%n", calls, c2026);
    }

    static String cycle(String admin, String year, String name) throws Exception {
        StringBuilder subjects = new StringBuilder();
        StringBuilder assignments = new StringBuilder();
        for (int k = 0; k < DEPTS.size(); k++) {
            Dept d = DEPTS.get(k);
            Dept next = DEPTS.get((k + 1) % DEPTS.size());
            subjects.append(k == 0 ? "" : ",").append('"').append(d.code).append('"');
            assignments.append(k == 0 ? "" : ",")
                    .append("{\"party\":\"SUPERIOR\",\"evaluator\":\"mayor\",\"subject\":\"").append(d.code).append("\"},")
                    .append("{\"party\":\"THIRD_PARTY\",\"evaluator\":\"ASSESS-CO\",\"subject\":\"").append(d.code).append("\"},")
                    .append("{\"party\":\"PEER\",\"evaluator\":\"").append(next.code).append("\",\"subject\":\"").append(d.code).append("\"}");
        }
        String id = id(retry(admin, "/api/v1/cycles", "{\"name\":\"" + name + "\",\"period\":\"" + year
                + "\",\"subjects\":[" + subjects + "],\"minPublicSample\":30}"));
        post(admin, "/api/v1/cycles/" + id + "/assignments", "{\"assignments\":[" + assignments + "]}", 200);
        post(admin, "/api/v1/cycles/" + id + "/open", "", 200);
        return id;
    }

    /**
     * Adds a project's payments to the finance system's file: in 2025 four quarterly ones, (85 + 15·strength)% of the
     * approved amount in all; in the current year one a month so far, at the pace (0.3 + 0.75·strength) against the
     * share of the year gone, so that the departments' lights differ (below 0.75 is RED, below 0.9 YELLOW).
     */
    static void spend(StringBuilder csv, String project, int year, long approvedFen, double strength) {
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
        List<LocalDate> dates = new ArrayList<>();
        long total;
        if (year < today.getYear()) {
            for (int month = 3; month <= 12; month += 3) {
                dates.add(LocalDate.of(year, month, 20));
            }
            total = Math.round(approvedFen * (0.85 + 0.15 * Math.min(1, strength)));
        } else {
            for (int month = 1; month <= 12 && !LocalDate.of(year, month, 10).isAfter(today); month++) {
                dates.add(LocalDate.of(year, month, 10));
            }
            double elapsed = (ChronoUnit.DAYS.between(LocalDate.of(year, 1, 1), today) + 1.0) / today.lengthOfYear();
            total = Math.round(approvedFen * Math.min(1, elapsed * (0.3 + 0.75 * strength)));
        }
        long paid = 0;
        for (int k = 0; k < dates.size(); k++) {
            long amount = k == dates.size() - 1 ? total - paid : total / dates.size();
            paid += amount;
            csv.append(project).append(',').append(String.format(Locale.ROOT, "%d.%02d", amount / 100, amount % 100))
                    .append(',').append(dates.get(k)).append(',').append(k == 0 ? "首笔拨付" : "").append('\n');
        }
    }

    /**
     * The service hall's 好差评: six ratings of each of four departments over the last two months. A bad rating opens a
     * rectification case; the department answers most, the office closes some, and one from 60 days ago stays open
     * past its 15 working days.
     */
    static void reviews() throws Exception {
        String hall = token("role=system&sub=service-hall");
        String admin = token("role=admin&sub=perf-office");
        String[] levels = { "VERY_SATISFIED", "SATISFIED", "DISSATISFIED", "VERY_SATISFIED", "BASICALLY_SATISFIED", "VERY_DISSATISFIED" };
        // each department's own service items, as its hall window lists them
        Map<String, List<String>> items = Map.of(
                "HEALTH", List.of("医师执业注册", "出生医学证明办理", "医疗机构执业登记"),
                "HRSS", List.of("社保卡补办", "失业保险金申领", "职业技能等级证书查询"),
                "MARKET", List.of("企业开办", "营业执照变更", "食品经营许可"),
                "HOUSING", List.of("住房公积金提取", "商品房预售许可", "建筑工程施工许可"));
        String[] complaints = { "排队时间过长", "材料要求未一次性告知", "窗口午间无人" };
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.MINUTES);
        int bad = 0;
        for (String code : List.of("HEALTH", "HRSS", "MARKET", "HOUSING")) {
            String officer = token("role=department&sub=" + code.toLowerCase() + "-officer&dept=" + code);
            for (int k = 0; k < levels.length; k++) {
                boolean isBad = levels[k].contains("DISSATISFIED");
                int daysAgo = code.equals("HOUSING") && k == 5 ? 60 : 2 + 9 * k + code.length();
                String review = post(hall, "/api/v1/reviews", String.format(Locale.ROOT,
                        "{\"caseNo\":\"HALL-%s-%04d\",\"subject\":\"%s\",\"serviceItem\":\"%s\",\"level\":\"%s\",\"channel\":\"%s\"%s,\"ratedAt\":\"%s\"}",
                        code, k + 1, code, items.get(code).get((k + code.length()) % 3), levels[k], k % 2 == 0 ? "HALL" : "APP",
                        isBad ? ",\"comment\":\"" + complaints[bad % complaints.length] + "\"" : "", now.minusDays(daysAgo)), 201, 409);
                if (!isBad || review.contains("\"status\":409") || daysAgo == 60) {
                    continue;
                }
                String rectification = id(review.substring(review.indexOf("\"rectification\"")));
                post(officer, "/api/v1/rectifications/" + rectification + "/answer",
                        "{\"answer\":\"已核实情况，印发一次性告知清单并电话回访当事人\"}", 200);
                if (bad++ % 2 == 0) {
                    post(admin, "/api/v1/rectifications/" + rectification + "/close", "{\"note\":\"整改到位，回访满意，予以办结\"}", 200);
                }
            }
        }
    }

    static void rateAll(String cycle, String mayor, String assessor, int skew) throws Exception {
        for (int k = 0; k < DEPTS.size(); k++) {
            Dept d = DEPTS.get(k);
            Dept next = DEPTS.get((k + 1) % DEPTS.size());
            int base = (int) Math.round(55 + 40 * d.strength) + skew;
            base = Math.min(base, 98);
            post(mayor, "/api/v1/cycles/" + cycle + "/ratings", rating(d.code, "SUPERIOR", "STRATEGIC_FIT", base, "GOAL_ACHIEVEMENT", base - 2), 201);
            post(assessor, "/api/v1/cycles/" + cycle + "/ratings", rating(d.code, "THIRD_PARTY", "PROFESSIONAL_COMPLIANCE", base - 4, "SERVICE_QUALITY", base + 1), 201);
            String peer = token("role=department&sub=" + next.code.toLowerCase() + "-officer&dept=" + next.code);
            post(peer, "/api/v1/cycles/" + cycle + "/ratings", rating(d.code, "PEER", "COLLABORATION", base - 1, "RESPONSIVENESS", base - 3), 201);
            String self = token("role=department&sub=" + d.code.toLowerCase() + "-officer&dept=" + d.code);
            post(self, "/api/v1/cycles/" + cycle + "/ratings", rating(d.code, "SELF", "COLLABORATION", Math.min(100, base + 6), "RESPONSIVENESS", Math.min(100, base + 4)), 201);
        }
    }

    static String rating(String subject, String party, String c1, int s1, String c2, int s2) {
        return String.format("{\"subject\":\"%s\",\"party\":\"%s\",\"criteria\":[{\"code\":\"%s\",\"score\":%d},{\"code\":\"%s\",\"score\":%d}]}",
                subject, party, c1, s1, c2, s2);
    }

    static void progress(int step, String what) {
        System.out.printf("  [%d/9] %s%n", step, what);
    }

    static String token(String query) throws Exception {
        String body = send(HttpRequest.newBuilder(URI.create(base + "/auth/token?" + query)).GET(), 200);
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no token in " + body);
        }
        return m.group(1);
    }

    static String id(String json) {
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }

    /** POSTs, retrying a 422 for up to 30 s: another service's copy of a subject may lag behind by an event. */
    static String retry(String token, String path, String body) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return post(token, path, body, 201);
            } catch (IllegalStateException e) {
                if (!e.getMessage().contains(" 422 ") || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(300);
            }
        }
    }

    static HttpRequest.Builder put(String token, String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    static String post(String token, String path, String body, int... ok) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b, ok);
    }

    /**
     * A citizen's anonymous answer from their own phone (the survey throttles per device), waiting as asked when the
     * gateway's per-address rate limit answers 429 (every simulated phone shares this machine's address).
     */
    static void answer(String path, String body, String device) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("User-Agent", device)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            calls++;
            HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (res.statusCode() == 201) {
                return;
            }
            if (res.statusCode() != 429 || attempt >= 10) {
                throw new IllegalStateException("POST " + path + " answered " + res.statusCode() + " : " + res.body());
            }
            Thread.sleep(1000L * Long.parseLong(res.headers().firstValue("Retry-After").orElse("1")));
        }
    }

    static String send(HttpRequest.Builder b, int... ok) throws Exception {
        calls++;
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        for (int s : ok) {
            if (r.statusCode() == s) {
                return r.body();
            }
        }
        throw new IllegalStateException(r.request().method() + " " + r.request().uri().getPath() + " answered "
                + r.statusCode() + " : " + r.body());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
