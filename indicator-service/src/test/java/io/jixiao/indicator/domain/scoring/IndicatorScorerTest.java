package io.jixiao.indicator.domain.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

class IndicatorScorerTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static void assertScore(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual.setScale(10, java.math.RoundingMode.HALF_UP)),
                () -> "expected " + expected + " but was " + actual);
    }

    @Test
    void higherBetterWithoutFloorIsTheShareOfTheTargetCappedAt100() {
        IndicatorSpec s = IndicatorSpec.higherBetter("H", Dimension.FINANCIAL, d("80"), null);
        assertScore("90", IndicatorScorer.score(s, d("72")));
        assertScore("100", IndicatorScorer.score(s, d("95")));
        assertScore("0", IndicatorScorer.score(s, d("-5")));
    }

    @Test
    void higherBetterWithFloorScalesBetweenFloorAndTarget() {
        IndicatorSpec s = IndicatorSpec.higherBetter("H", Dimension.PUBLIC, d("99"), d("90"));
        assertScore("80", IndicatorScorer.score(s, d("97.2")));
        assertScore("0", IndicatorScorer.score(s, d("85")));
        assertScore("100", IndicatorScorer.score(s, d("99.5")));
        assertScore("33.3333333333", IndicatorScorer.score(s, d("93")));
    }

    @Test
    void lowerBetterWithFloorScalesFromTheWorstValue() {
        IndicatorSpec s = IndicatorSpec.lowerBetter("L", Dimension.PROCESS, d("5"), d("15"));
        assertScore("70", IndicatorScorer.score(s, d("8")));
        assertScore("100", IndicatorScorer.score(s, d("4")));
        assertScore("0", IndicatorScorer.score(s, d("20")));
    }

    @Test
    void lowerBetterWithoutFloorIsFullAtOrBelowTargetThenTargetOverActual() {
        IndicatorSpec s = IndicatorSpec.lowerBetter("L", Dimension.PROCESS, d("5"), null);
        assertScore("100", IndicatorScorer.score(s, d("5")));
        assertScore("62.5", IndicatorScorer.score(s, d("8")));
        IndicatorSpec zero = IndicatorSpec.lowerBetter("Z", Dimension.FINANCIAL, d("0"), null);
        assertScore("100", IndicatorScorer.score(zero, d("0")));
        assertScore("0", IndicatorScorer.score(zero, d("3")));
    }

    @Test
    void rangeIsFullInsideAndFallsOffOverTheTolerance() {
        IndicatorSpec s = IndicatorSpec.range("R", Dimension.FINANCIAL, d("2"), d("4"), d("2"));
        assertScore("100", IndicatorScorer.score(s, d("3")));
        assertScore("100", IndicatorScorer.score(s, d("2")));
        assertScore("50", IndicatorScorer.score(s, d("1")));
        assertScore("25", IndicatorScorer.score(s, d("5.5")));
        assertScore("0", IndicatorScorer.score(s, d("9")));
    }

    @Test
    void qualitativeTakesTheRubricPointsAndRefusesUnknownLevels() {
        IndicatorSpec s = IndicatorSpec.qualitative("Q", Dimension.POLITICAL,
                Map.of("A", d("100"), "B", d("80"), "C", d("60"), "D", d("40")));
        assertScore("80", IndicatorScorer.scoreLevel(s, "B"));
        assertThrows(IllegalArgumentException.class, () -> IndicatorScorer.scoreLevel(s, "E"));
        assertThrows(IllegalArgumentException.class, () -> IndicatorScorer.score(s, d("1")));
    }

    @Test
    void definitionsTheScorerCannotScoreAreRefused() {
        assertFalse(SpecValidator.valid(IndicatorSpec.higherBetter("X", Dimension.PUBLIC, d("0"), null)));
        assertFalse(SpecValidator.valid(IndicatorSpec.higherBetter("X", Dimension.PUBLIC, d("50"), d("60"))));
        assertFalse(SpecValidator.valid(IndicatorSpec.lowerBetter("X", Dimension.PUBLIC, d("-1"), null)));
        assertFalse(SpecValidator.valid(IndicatorSpec.lowerBetter("X", Dimension.PUBLIC, d("5"), d("4"))));
        assertFalse(SpecValidator.valid(IndicatorSpec.range("X", Dimension.PUBLIC, d("5"), d("4"), d("1"))));
        assertFalse(SpecValidator.valid(IndicatorSpec.range("X", Dimension.PUBLIC, d("1"), d("4"), d("0"))));
        assertFalse(SpecValidator.valid(IndicatorSpec.qualitative("X", Dimension.PUBLIC, Map.of())));
        assertFalse(SpecValidator.valid(IndicatorSpec.qualitative("X", Dimension.PUBLIC, Map.of("A", d("120")))));
        assertTrue(SpecValidator.valid(IndicatorSpec.lowerBetter("X", Dimension.PUBLIC, d("0"), null)));
        assertTrue(SpecValidator.valid(IndicatorSpec.higherBetter("X", Dimension.PUBLIC, d("-10"), d("-20"))));
    }
}
