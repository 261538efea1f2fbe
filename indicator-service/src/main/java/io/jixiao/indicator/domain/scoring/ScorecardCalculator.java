package io.jixiao.indicator.domain.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.jixiao.indicator.domain.scoring.Scores.div;

/**
 * The roll-up of DESIGN section 3: objective = Σwᵢsᵢ/Σwᵢ over its indicators; dimension = weighted mean of its
 * objectives (equal by default); total = Σ W_d·S_d / Σ W_d over the dimensions that have an applicable indicator. A
 * missing value scores 0 (未报送不得分); a not-applicable indicator leaves the means. A failed gate caps the grade at
 * PASS.
 */
public final class ScorecardCalculator {

    public static final BigDecimal GATE_PASS = BigDecimal.valueOf(60);

    public enum LineStatus {
        SCORED, MISSING, NOT_APPLICABLE
    }

    public enum GateStatus {
        NONE("无"), PASSED("通过"), FAILED("未通过");

        /** The status as a Chinese report writes it. */
        public final String zh;

        GateStatus(String zh) {
            this.zh = zh;
        }
    }

    /**
     * One indicator on a subject's scorecard.
     *
     * @param objective the strategic objective it belongs to; null means the dimension's single implicit objective
     * @param score the indicator score, or null when no value was reported
     */
    public record Line(IndicatorSpec spec, BigDecimal weight, String objective, BigDecimal score,
            boolean notApplicable) {
        public Line {
            if (weight == null || weight.signum() <= 0) {
                throw new IllegalArgumentException("weight of " + spec.code() + " must be positive");
            }
        }

        String objectiveKey() {
            return objective != null ? objective : "(" + spec.dimension() + ")";
        }
    }

    public record Input(List<Line> lines, Map<Dimension, BigDecimal> dimensionWeights,
            Map<String, BigDecimal> objectiveWeights, Light.Thresholds thresholds) {
        public static Input of(List<Line> lines) {
            return new Input(lines, defaultDimensionWeights(), Map.of(), Light.Thresholds.DEFAULT);
        }
    }

    public record LineResult(String code, Dimension dimension, String objective, BigDecimal weight, BigDecimal score,
            Light light, LineStatus status, boolean gate) {
    }

    public record ObjectiveResult(String key, Dimension dimension, BigDecimal score) {
    }

    public record DimensionResult(Dimension dimension, BigDecimal weight, BigDecimal score, boolean excluded) {
    }

    public record Completeness(int expected, int reported, int missing, int notApplicable) {
    }

    public record Result(BigDecimal total, Grade grade, Grade uncappedGrade, GateStatus gateStatus,
            List<String> failedGates, Map<Dimension, DimensionResult> dimensions, List<ObjectiveResult> objectives,
            List<LineResult> lines, List<Dimension> excludedDimensions, Completeness completeness) {

        public BigDecimal dimensionScore(Dimension d) {
            DimensionResult r = dimensions.get(d);
            return r == null ? null : r.score();
        }
    }

    private ScorecardCalculator() {
    }

    public static Map<Dimension, BigDecimal> defaultDimensionWeights() {
        Map<Dimension, BigDecimal> m = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            m.put(d, BigDecimal.valueOf(20));
        }
        return m;
    }

    public static Result compute(Input in) {
        List<LineResult> lineResults = new ArrayList<>(in.lines().size());
        Map<String, BigDecimal[]> objectiveSums = new LinkedHashMap<>(); // key → [Σws, Σw]
        Map<String, Dimension> objectiveDim = new LinkedHashMap<>();
        List<String> failedGates = new ArrayList<>();
        boolean anyGate = false;
        int missing = 0;
        int na = 0;
        for (Line l : in.lines()) {
            IndicatorSpec s = l.spec();
            if (l.notApplicable()) {
                na++;
                lineResults.add(new LineResult(s.code(), s.dimension(), l.objective(), l.weight(), null, null,
                        LineStatus.NOT_APPLICABLE, s.gate()));
                continue;
            }
            BigDecimal score = l.score() == null ? BigDecimal.ZERO : l.score();
            LineStatus status = l.score() == null ? LineStatus.MISSING : LineStatus.SCORED;
            if (status == LineStatus.MISSING) {
                missing++;
            }
            if (s.gate()) {
                anyGate = true;
                if (Scores.shown(score).compareTo(GATE_PASS) < 0) {
                    failedGates.add(s.code());
                }
            }
            lineResults.add(new LineResult(s.code(), s.dimension(), l.objective(), l.weight(), score,
                    in.thresholds().of(score), status, s.gate()));
            String key = l.objectiveKey();
            objectiveDim.put(key, s.dimension());
            BigDecimal[] acc = objectiveSums.computeIfAbsent(key, k -> new BigDecimal[]{BigDecimal.ZERO,
                    BigDecimal.ZERO});
            acc[0] = acc[0].add(l.weight().multiply(score));
            acc[1] = acc[1].add(l.weight());
        }

        List<ObjectiveResult> objectives = new ArrayList<>();
        Map<Dimension, BigDecimal[]> dimSums = new EnumMap<>(Dimension.class);
        for (Map.Entry<String, BigDecimal[]> e : objectiveSums.entrySet()) {
            BigDecimal objScore = div(e.getValue()[0], e.getValue()[1]);
            Dimension d = objectiveDim.get(e.getKey());
            objectives.add(new ObjectiveResult(e.getKey(), d, objScore));
            BigDecimal w = in.objectiveWeights().getOrDefault(e.getKey(), BigDecimal.ONE);
            BigDecimal[] acc = dimSums.computeIfAbsent(d, k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            acc[0] = acc[0].add(w.multiply(objScore));
            acc[1] = acc[1].add(w);
        }

        Map<Dimension, DimensionResult> dims = new EnumMap<>(Dimension.class);
        List<Dimension> excluded = new ArrayList<>();
        BigDecimal num = BigDecimal.ZERO;
        BigDecimal den = BigDecimal.ZERO;
        for (Dimension d : Dimension.values()) {
            BigDecimal weight = in.dimensionWeights().getOrDefault(d, BigDecimal.ZERO);
            BigDecimal[] acc = dimSums.get(d);
            if (acc == null || acc[1].signum() == 0 || weight.signum() == 0) {
                excluded.add(d);
                dims.put(d, new DimensionResult(d, weight, acc == null ? null : div(acc[0], acc[1]), true));
                continue;
            }
            BigDecimal ds = div(acc[0], acc[1]);
            dims.put(d, new DimensionResult(d, weight, ds, false));
            num = num.add(weight.multiply(ds));
            den = den.add(weight);
        }
        BigDecimal total = den.signum() == 0 ? null : Scores.clamp(div(num, den));
        Grade uncapped = total == null ? null : Grade.of(total);
        GateStatus gate = !anyGate ? GateStatus.NONE : failedGates.isEmpty() ? GateStatus.PASSED : GateStatus.FAILED;
        Grade grade = uncapped == null ? null : gate == GateStatus.FAILED ? uncapped.cappedAt(Grade.PASS) : uncapped;
        int expected = in.lines().size() - na;
        return new Result(total, grade, uncapped, gate, List.copyOf(failedGates), dims, objectives, lineResults,
                List.copyOf(excluded), new Completeness(expected, expected - missing, missing, na));
    }
}
