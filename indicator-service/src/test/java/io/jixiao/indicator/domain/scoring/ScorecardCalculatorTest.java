package io.jixiao.indicator.domain.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jixiao.indicator.domain.scoring.ScorecardCalculator.Input;
import io.jixiao.indicator.domain.scoring.ScorecardCalculator.Line;
import io.jixiao.indicator.domain.scoring.ScorecardCalculator.Result;

class ScorecardCalculatorTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static Line line(String code, Dimension dim, String weight, String score) {
        return new Line(IndicatorSpec.higherBetter(code, dim, d("100"), null), d(weight), null,
                score == null ? null : d(score), false);
    }

    static void assertNumber(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual.setScale(10, RoundingMode.HALF_UP)),
                () -> "expected " + expected + " but was " + actual);
    }

    @Test
    void objectivesDimensionsAndTotalAreWeightedMeans() {
        // PUBLIC: objective O1 (90·1 + 60·3)/4 = 67.5; implicit objective 80 → dimension (67.5 + 80)/2 = 73.75
        List<Line> lines = List.of(
                new Line(IndicatorSpec.higherBetter("P1", Dimension.PUBLIC, d("100"), null), d("1"), "O1", d("90"),
                        false),
                new Line(IndicatorSpec.higherBetter("P2", Dimension.PUBLIC, d("100"), null), d("3"), "O1", d("60"),
                        false),
                line("P3", Dimension.PUBLIC, "5", "80"),
                line("F1", Dimension.FINANCIAL, "1", "100"),
                line("L1", Dimension.LEARNING, "1", "50"));
        Map<Dimension, BigDecimal> w = new EnumMap<>(Dimension.class);
        w.put(Dimension.POLITICAL, d("20"));
        w.put(Dimension.PUBLIC, d("40"));
        w.put(Dimension.FINANCIAL, d("20"));
        w.put(Dimension.PROCESS, d("10"));
        w.put(Dimension.LEARNING, d("10"));
        Result r = ScorecardCalculator.compute(new Input(lines, w, Map.of(), Light.Thresholds.DEFAULT));
        assertNumber("73.75", r.dimensionScore(Dimension.PUBLIC));
        // POLITICAL and PROCESS have no indicator: they leave, weights 40 + 20 + 10 rescale
        assertEquals(List.of(Dimension.POLITICAL, Dimension.PROCESS), r.excludedDimensions());
        assertNumber("77.8571428571", r.total()); // (40·73.75 + 20·100 + 10·50) / 70 = 5450 / 70
        assertEquals(Grade.PASS, r.grade());
    }

    @Test
    void aMissingValueScoresZeroAndANotApplicableOneLeavesTheMean() {
        List<Line> lines = List.of(line("A", Dimension.PROCESS, "1", "90"), line("B", Dimension.PROCESS, "1", null),
                new Line(IndicatorSpec.higherBetter("C", Dimension.PROCESS, d("100"), null), d("1"), null, null, true));
        Result r = ScorecardCalculator.compute(Input.of(lines));
        assertNumber("45", r.total());
        assertEquals(new ScorecardCalculator.Completeness(2, 1, 1, 1), r.completeness());
        assertEquals(ScorecardCalculator.LineStatus.MISSING, r.lines().get(1).status());
        assertEquals(Light.RED, r.lines().get(1).light());
        assertEquals(ScorecardCalculator.LineStatus.NOT_APPLICABLE, r.lines().get(2).status());
    }

    @Test
    void aFailedGateCapsTheGradeAtPassWhateverTheTotal() {
        List<Line> lines = List.of(
                new Line(IndicatorSpec.higherBetter("GATE", Dimension.POLITICAL, d("100"), null).asGate(), d("1"), null,
                        d("59.99"), false),
                line("X", Dimension.PUBLIC, "1", "100"), line("Y", Dimension.FINANCIAL, "1", "100"),
                line("Z", Dimension.PROCESS, "1", "100"), line("W", Dimension.LEARNING, "1", "100"));
        Result r = ScorecardCalculator.compute(Input.of(lines));
        assertNumber("91.998", r.total());
        assertEquals(Grade.EXCELLENT, r.uncappedGrade());
        assertEquals(Grade.PASS, r.grade());
        assertEquals(ScorecardCalculator.GateStatus.FAILED, r.gateStatus());
        assertEquals(List.of("GATE"), r.failedGates());
    }

    @Test
    void aGateThatRoundsTo60PassesAndAMissingGateFails() {
        Line gate = new Line(IndicatorSpec.higherBetter("G", Dimension.POLITICAL, d("100"), null).asGate(), d("1"),
                null,
                d("59.995"), false);
        assertEquals(ScorecardCalculator.GateStatus.PASSED,
                ScorecardCalculator.compute(Input.of(List.of(gate))).gateStatus());
        Line missing = new Line(IndicatorSpec.higherBetter("G", Dimension.POLITICAL, d("100"), null).asGate(), d("1"),
                null,
                null, false);
        assertEquals(ScorecardCalculator.GateStatus.FAILED,
                ScorecardCalculator.compute(Input.of(List.of(missing))).gateStatus());
    }

    @Test
    void gradesAndLightsAreDecidedOnTheShownScore() {
        assertEquals(Grade.EXCELLENT, Grade.of(d("89.995")));
        assertEquals(Grade.GOOD, Grade.of(d("89.994999")));
        assertEquals(Grade.GOOD, Grade.of(d("80")));
        assertEquals(Grade.PASS, Grade.of(d("79.99")));
        assertEquals(Grade.FAIL, Grade.of(d("59.994")));
        assertEquals(Light.GREEN, Light.Thresholds.DEFAULT.of(d("89.996")));
        assertEquals(Light.YELLOW, Light.Thresholds.DEFAULT.of(d("60")));
        assertEquals(Light.RED, Light.Thresholds.DEFAULT.of(d("59.99")));
        assertEquals(Light.GREEN, new Light.Thresholds(d("85"), d("70")).of(d("85")));
    }

    @Test
    void aScorecardWithNothingApplicableHasNoTotal() {
        Result r = ScorecardCalculator.compute(Input.of(List.of(new Line(IndicatorSpec.higherBetter("A",
                Dimension.PUBLIC, d("1"), null), d("1"), null, null, true))));
        assertNull(r.total());
        assertNull(r.grade());
        assertTrue(r.excludedDimensions().containsAll(List.of(Dimension.values())));
    }
}
