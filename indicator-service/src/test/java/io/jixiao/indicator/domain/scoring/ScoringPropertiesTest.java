package io.jixiao.indicator.domain.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;

import io.jixiao.indicator.domain.scoring.ScorecardCalculator.Input;
import io.jixiao.indicator.domain.scoring.ScorecardCalculator.Line;

class ScoringPropertiesTest {

    @Provide
    Arbitrary<IndicatorSpec> specs() {
        Arbitrary<BigDecimal> num = Arbitraries.bigDecimals().between(new BigDecimal("-1000"), new BigDecimal("1000"))
                .ofScale(3);
        Arbitrary<BigDecimal> pos = Arbitraries.bigDecimals().between(new BigDecimal("0.001"), new BigDecimal("1000"))
                .ofScale(3);
        Arbitrary<Dimension> dim = Arbitraries.of(Dimension.class);
        Arbitrary<IndicatorSpec> hb = Combinators.combine(dim, pos)
                .as((d, t) -> IndicatorSpec.higherBetter("H", d, t, null));
        Arbitrary<IndicatorSpec> hbf = Combinators.combine(dim, num, pos)
                .as((d, f, gap) -> IndicatorSpec.higherBetter("HF", d, f.add(gap), f));
        Arbitrary<IndicatorSpec> lb = Combinators.combine(dim, pos)
                .as((d, t) -> IndicatorSpec.lowerBetter("L", d, t, null));
        Arbitrary<IndicatorSpec> lbf = Combinators.combine(dim, num, pos)
                .as((d, t, gap) -> IndicatorSpec.lowerBetter("LF", d, t, t.add(gap)));
        Arbitrary<IndicatorSpec> range = Combinators.combine(dim, num, pos, pos)
                .as((d, lo, width, tol) -> IndicatorSpec.range("R", d, lo, lo.add(width), tol));
        return Arbitraries.oneOf(hb, hbf, lb, lbf, range);
    }

    @Property
    boolean aScoreIsAlwaysBetween0And100(@ForAll("specs") IndicatorSpec spec,
            @ForAll @BigRange(min = "-100000", max = "100000") BigDecimal actual) {
        BigDecimal s = IndicatorScorer.score(spec, actual);
        return s.signum() >= 0 && s.compareTo(BigDecimal.valueOf(100)) <= 0;
    }

    @Property
    boolean aBetterActualNeverLowersTheScore(@ForAll("specs") IndicatorSpec spec,
            @ForAll @BigRange(min = "-10000", max = "10000") BigDecimal actual,
            @ForAll @BigRange(min = "0", max = "500") BigDecimal improvement) {
        if (spec.polarity() == Polarity.RANGE) {
            // toward the range is better: move the actual closer to the range's middle
            BigDecimal mid = spec.rangeLo().add(spec.rangeHi()).divide(BigDecimal.valueOf(2));
            BigDecimal closer = actual.compareTo(mid) < 0
                    ? actual.add(improvement).min(mid)
                    : actual.subtract(improvement).max(mid);
            return IndicatorScorer.score(spec, closer).compareTo(IndicatorScorer.score(spec, actual)) >= 0;
        }
        BigDecimal better = spec.polarity() == Polarity.HIGHER_BETTER
                ? actual.add(improvement)
                : actual.subtract(improvement);
        return IndicatorScorer.score(spec, better).compareTo(IndicatorScorer.score(spec, actual)) >= 0;
    }

    @Provide
    Arbitrary<List<Line>> scorecards() {
        Arbitrary<Line> line = Combinators.combine(Arbitraries.of(Dimension.class),
                Arbitraries.bigDecimals().between(new BigDecimal("0.1"), new BigDecimal("50")).ofScale(2),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100")).ofScale(4).injectNull(0.2),
                Arbitraries.of(false, false, false, true))
                .as((d, w, s, na) -> new Line(IndicatorSpec.higherBetter("X", d, BigDecimal.TEN, null), w, null, s,
                        na));
        return line.list().ofMinSize(1).ofMaxSize(30);
    }

    @Property
    boolean rescalingAllWeightsNeverChangesATotal(@ForAll("scorecards") List<Line> lines,
            @ForAll @IntRange(min = 2, max = 1000) int factor) {
        List<Line> scaled = new ArrayList<>();
        for (Line l : lines) {
            scaled.add(new Line(l.spec(), l.weight().multiply(BigDecimal.valueOf(factor)), l.objective(), l.score(),
                    l.notApplicable()));
        }
        Map<Dimension, BigDecimal> dw = new EnumMap<>(Dimension.class);
        ScorecardCalculator.defaultDimensionWeights()
                .forEach((d, w) -> dw.put(d, w.multiply(BigDecimal.valueOf(factor))));
        BigDecimal a = ScorecardCalculator.compute(Input.of(lines)).total();
        BigDecimal b = ScorecardCalculator.compute(new Input(scaled, dw, Map.of(), Light.Thresholds.DEFAULT)).total();
        return a == null ? b == null : a.subtract(b).abs().compareTo(new BigDecimal("1e-20")) < 0;
    }

    @Property
    boolean aTotalIsAlwaysBetween0And100(@ForAll("scorecards") List<Line> lines) {
        BigDecimal t = ScorecardCalculator.compute(Input.of(lines)).total();
        return t == null || t.signum() >= 0 && t.compareTo(BigDecimal.valueOf(100)) <= 0;
    }
}
