package io.jixiao.indicator.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.domain.ScorecardSnapshot;
import io.jixiao.indicator.domain.Subject;
import io.jixiao.indicator.domain.scoring.Dimension;
import io.jixiao.indicator.domain.scoring.Light;
import io.jixiao.indicator.domain.scoring.ScorecardCalculator;
import io.jixiao.indicator.domain.scoring.ScorecardCalculator.LineStatus;
import io.jixiao.indicator.domain.scoring.ScorecardCalculator.Result;
import io.jixiao.indicator.domain.scoring.Scores;
import io.jixiao.indicator.repository.IndicatorVersionRepository;
import io.jixiao.indicator.domain.ScoredPeriod;
import io.jixiao.indicator.repository.ScorecardRepository;
import io.jixiao.indicator.repository.SubjectRepository;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

/**
 * A subject's health report for a period (the five dimension scores for a radar, the change against the same period a
 * year before, the weakest indicators, the lights) and the league table of a period from the stored scorecards.
 */
@ApplicationScoped
public class HealthReportService {

    /** How many of the weakest indicators a report names. */
    static final int WEAKEST = 5;

    public record Weak(String indicator, String nameZh, @Schema(nullable = true) String nameEn, Dimension dimension,
            @Schema(nullable = true) BigDecimal score,
            @Schema(nullable = true) Light light, LineStatus status) {
    }

    public record Report(String subject, String nameZh, @Schema(nullable = true) String nameEn, String period,
            String previousPeriod,
            @Schema(nullable = true) BigDecimal total, @Schema(nullable = true) BigDecimal previousTotal,
            @Schema(nullable = true) BigDecimal totalChange, @Schema(nullable = true) String grade,
            @Schema(nullable = true) String previousGrade,
            Map<Dimension, BigDecimal> dimensions, Map<Dimension, BigDecimal> previousDimensions,
            Map<Dimension, BigDecimal> change, List<Weak> weakest, Map<Light, Long> lights, long missing,
            ScorecardCalculator.Completeness completeness) {
    }

    /**
     * A subject's line in the league table: its rank is decided on the total as shown (two subjects of 85.936 and
     * 85.944 both show 85.94 and share a rank), as its grade is.
     */
    public record LeagueRow(int rank, String subject, @Schema(nullable = true) String nameZh,
            @Schema(nullable = true) String nameEn, @Schema(nullable = true) BigDecimal total,
            @Schema(nullable = true) BigDecimal shownTotal, @Schema(nullable = true) String grade,
            String gateStatus, Map<Dimension, BigDecimal> dimensions, int reported, int expected) {
    }

    private final ScorecardService scorecards;
    private final ScorecardRepository stored;
    private final SubjectRepository subjects;
    private final IndicatorVersionRepository indicators;
    private final ObjectMapper json;

    public HealthReportService(ScorecardService scorecards, ScorecardRepository stored, SubjectRepository subjects,
            IndicatorVersionRepository indicators, ObjectMapper json) {
        this.scorecards = scorecards;
        this.stored = stored;
        this.subjects = subjects;
        this.indicators = indicators;
        this.json = json;
    }

    @Transactional
    public Report report(String code, String period) {
        Subject subject = subjects.findByIdOptional(code).orElseThrow(() -> new ResourceNotFoundException("subject",
                code));
        String previous = previousYear(period);
        Result now = scorecards.view(code, period).result();
        Result before = scorecards.view(code, previous).result();
        Map<Dimension, BigDecimal> dims = dimensions(now);
        Map<Dimension, BigDecimal> prev = before.completeness().reported() == 0
                ? new EnumMap<>(Dimension.class)
                : dimensions(before);
        Map<Dimension, BigDecimal> change = new EnumMap<>(Dimension.class);
        dims.forEach((d, v) -> {
            if (v != null && prev.get(d) != null) {
                change.put(d, stored(v.subtract(prev.get(d))));
            }
        });
        BigDecimal prevTotal = before.completeness().reported() == 0 ? null : stored(before.total());
        BigDecimal total = stored(now.total());
        Map<String, Indicator> names = new HashMap<>();
        indicators.applicableTo(code, period).forEach(i -> names.put(i.code, i));
        List<Weak> weakest = now.lines().stream().filter(l -> l.status() != LineStatus.NOT_APPLICABLE)
                .sorted(Comparator.comparing((ScorecardCalculator.LineResult l) -> l.score() == null
                        ? BigDecimal.valueOf(-1)
                        : l.score()).thenComparing(ScorecardCalculator.LineResult::code))
                .limit(WEAKEST)
                .map(l -> {
                    Indicator i = names.get(l.code());
                    return new Weak(l.code(), i == null ? l.code() : i.nameZh, i == null ? null : i.nameEn,
                            l.dimension(), stored(l.score()), l.light(), l.status());
                }).toList();
        Map<Light, Long> lights = new EnumMap<>(Light.class);
        for (Light light : Light.values()) {
            lights.put(light, now.lines().stream().filter(l -> l.light() == light).count());
        }
        long missing = now.lines().stream().filter(l -> l.status() == LineStatus.MISSING).count();
        return new Report(code, subject.nameZh, subject.nameEn, period, previous, total, prevTotal,
                total == null || prevTotal == null ? null : stored(total.subtract(prevTotal)),
                now.grade() == null ? null : now.grade().name(),
                before.completeness().reported() == 0 || before.grade() == null ? null : before.grade().name(), dims,
                prev, change, weakest, lights, missing, now.completeness());
    }

    /**
     * The periods that have stored scorecards, with how many: of one subject when {@code subjectOrNull} names it (a
     * department's own), else of every subject. The latest year first.
     */
    public List<ScoredPeriod> periods(String subjectOrNull) {
        return stored.periods(subjectOrNull);
    }

    /**
     * The league table of a period: every subject with a stored scorecard, best first by the total as shown, ties
     * sharing a rank (1, 2, 2, 4) and listed by code; subjects without a total last.
     */
    public List<LeagueRow> league(String period) {
        return rows(ranked(period));
    }

    /**
     * One page of the league table. Each rank depends on every other total, so the whole period is ranked first; only
     * the page's rows are then read out of their stored detail.
     */
    public Paged<LeagueRow> league(String period, PageRequest page) {
        Paged<Ranked> cut = Paged.slice(ranked(period), page);
        return Paged.of(rows(cut.items()), page, cut.totalItems());
    }

    private record Ranked(int rank, BigDecimal shown, ScorecardSnapshot snapshot) {
    }

    private List<Ranked> ranked(String period) {
        List<ScorecardSnapshot> snaps = stored.snapshots(period);
        snaps.sort(Comparator.comparing((ScorecardSnapshot s) -> shownOrBelowZero(s.total)).reversed()
                .thenComparing(s -> s.id.subjectCode()));
        List<Ranked> ranked = new ArrayList<>(snaps.size());
        BigDecimal last = null;
        int rank = 0;
        for (int i = 0; i < snaps.size(); i++) {
            ScorecardSnapshot s = snaps.get(i);
            BigDecimal shown = s.total == null ? null : Scores.shown(s.total);
            if (last == null || shown == null || shown.compareTo(last) != 0) {
                rank = i + 1;
            }
            last = shown;
            ranked.add(new Ranked(rank, shown, s));
        }
        return ranked;
    }

    private List<LeagueRow> rows(List<Ranked> ranked) {
        Map<String, Subject> names = new HashMap<>();
        subjects.listAll().forEach(s -> names.put(s.code, s));
        List<LeagueRow> rows = new ArrayList<>(ranked.size());
        for (Ranked r : ranked) {
            ScorecardSnapshot s = r.snapshot();
            Subject subject = names.get(s.id.subjectCode());
            JsonNode detail = detail(s);
            Map<Dimension, BigDecimal> dims = new EnumMap<>(Dimension.class);
            detail.path(0).fields().forEachRemaining(f -> {
                if (f.getValue().isNumber()) {
                    dims.put(Dimension.valueOf(f.getKey()), f.getValue().decimalValue());
                }
            });
            JsonNode completeness = detail.path(2);
            rows.add(new LeagueRow(r.rank(), s.id.subjectCode(), subject == null ? null : subject.nameZh,
                    subject == null ? null : subject.nameEn, s.total == null ? null : stored(s.total), r.shown(),
                    s.grade, s.gateStatus, dims, completeness.path("reported").asInt(),
                    completeness.path("expected").asInt()));
        }
        return rows;
    }

    private static BigDecimal shownOrBelowZero(BigDecimal total) {
        return total == null ? BigDecimal.valueOf(-1) : Scores.shown(total);
    }

    /** The same period a year earlier: 2026 → 2025, 2026-Q3 → 2025-Q3, 2026-07 → 2025-07. */
    static String previousYear(String period) {
        int year = Integer.parseInt(period.substring(0, 4));
        return (year - 1) + period.substring(4);
    }

    private JsonNode detail(ScorecardSnapshot s) {
        try {
            return json.readTree(s.detail);
        } catch (Exception e) {
            return json.createArrayNode();
        }
    }

    private static Map<Dimension, BigDecimal> dimensions(Result r) {
        Map<Dimension, BigDecimal> m = new EnumMap<>(Dimension.class);
        r.dimensions().forEach((d, v) -> m.put(d, v.excluded() ? null : stored(v.score())));
        return m;
    }

    private static BigDecimal stored(BigDecimal x) {
        return x == null ? null : Scores.stored(x);
    }
}
