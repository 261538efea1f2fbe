package io.jixiao.evaluation.domain.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jixiao.evaluation.domain.composite.CompositeCalculator.Inputs;
import io.jixiao.evaluation.domain.composite.CompositeCalculator.RatingInput;
import io.jixiao.evaluation.domain.composite.CompositeCalculator.Result;

class CompositeCalculatorTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static List<RatingInput> ratings(String prefix, double... values) {
        List<RatingInput> l = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            l.add(new RatingInput(prefix + i, prefix + "-e" + i, BigDecimal.valueOf(values[i])));
        }
        return l;
    }

    static void assertNumber(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual.setScale(10, RoundingMode.HALF_UP)),
                () -> "expected " + expected + " but was " + actual);
    }

    static Inputs inputs(BigDecimal scorecard, BigDecimal satisfaction, int n, List<RatingInput> sup,
            List<RatingInput> third, List<RatingInput> peer, RatingInput self) {
        return new Inputs("S", scorecard, null, false, satisfaction, n, false, sup, third, peer, self);
    }

    @Test
    void allFourPartiesWithTrimmingAndTheSelfShare() {
        // SUPERIOR: 5 ratings, drop 60 and 100 → 80; β = 0.5 with 84 → 82. PEER: 0.8·75 + 0.2·100 = 80.
        Result r = CompositeCalculator.compute(inputs(d("84"), d("70"), 40, ratings("s", 90, 70, 80, 60, 100),
                ratings("t", 85), ratings("p", 75), new RatingInput("self", "S", d("100"))), Policy.defaults());
        assertNumber("82", r.partyScore(Party.SUPERIOR));
        assertNumber("80", r.partyScore(Party.PEER));
        assertNumber("78.8", r.composite());
        assertEquals(List.of("s3", "s4"), r.parties().get(Party.SUPERIOR).ratings().trimmed());
        assertNumber("100", r.coverage());
        assertEquals(Grade.PASS, r.grade());
        assertTrue(r.flags().isEmpty());
    }

    @Test
    void fourRatingsAreNotTrimmed() {
        Result r = CompositeCalculator.compute(inputs(null, null, 0, ratings("s", 90, 70, 80, 60), List.of(),
                List.of(), null), Policy.defaults());
        assertNumber("75", r.partyScore(Party.SUPERIOR));
        assertTrue(r.parties().get(Party.SUPERIOR).ratings().trimmed().isEmpty());
    }

    @Test
    void missingPartiesRenormalizeAndAreFlaggedIncomplete() {
        Result r = CompositeCalculator.compute(inputs(d("90"), null, 0, List.of(), ratings("t", 70), List.of(), null),
                Policy.defaults());
        assertNumber("83.3333333333", r.composite()); // (40·90 + 20·70) / 60
        assertNumber("60", r.coverage());
        assertTrue(r.flags().contains(CompositeCalculator.INCOMPLETE));
    }

    @Test
    void theZeroPolicyCountsMissingPartiesAsZero() {
        Policy zero = new Policy(Policy.defaultWeights(), d("0.5"), d("0.2"), Policy.MissingPolicy.ZERO, 30, 5,
                d("20"), d("30"));
        Result r = CompositeCalculator.compute(inputs(d("90"), null, 0, List.of(), ratings("t", 70), List.of(), null),
                zero);
        assertNumber("50", r.composite()); // (40·90 + 20·70) / 100
        assertNumber("60", r.coverage());
    }

    @Test
    void aSmallOrSuspiciousSampleLeavesThePublicPartyOut() {
        Result small = CompositeCalculator.compute(inputs(d("80"), d("95"), 29, List.of(), List.of(), List.of(), null),
                Policy.defaults());
        assertNull(small.partyScore(Party.PUBLIC));
        assertTrue(small.parties().get(Party.PUBLIC).note().contains("29"));
        Inputs held = new Inputs("S", d("80"), null, false, d("99.5"), 500, true, List.of(), List.of(), List.of(),
                null);
        assertNull(CompositeCalculator.compute(held, Policy.defaults()).partyScore(Party.PUBLIC));
    }

    @Test
    void widelySpreadRatingsAreFlaggedDispersed() {
        Result r = CompositeCalculator.compute(inputs(null, null, 0, ratings("s", 100, 40, 100, 40), List.of(),
                List.of(), null), Policy.defaults());
        assertNumber("30", r.parties().get(Party.SUPERIOR).ratings().stdDev());
        assertTrue(r.flags().contains(CompositeCalculator.DISPERSED));
    }

    @Test
    void aFailedGateCapsAndAFinancialSatisfactionGapIsFlagged() {
        Inputs in = new Inputs("S", d("95"), d("95"), true, d("60"), 100, false, List.of(), List.of(), List.of(), null);
        Result r = CompositeCalculator.compute(in, Policy.defaults());
        assertNumber("80", r.composite()); // (40·95 + 30·60) / 70 = 5600 / 70
        assertEquals(Grade.GOOD, r.uncappedGrade());
        assertEquals(Grade.PASS, r.grade());
        assertTrue(r.flags().contains(CompositeCalculator.GATE_CAPPED));
        assertTrue(r.flags().contains(CompositeCalculator.DIVERGENCE)); // |95 − 60| > 30
    }

    @Test
    void rankingIsByShownCompositeThenSuperiorThenPublic() {
        Result a = CompositeCalculator.compute(inputs(d("80"), d("90"), 50, List.of(), List.of(), List.of(), null),
                Policy.defaults());
        Result b = CompositeCalculator.compute(new Inputs("B", d("90"), null, false, d("76.6666666667"), 50, false,
                List.of(), List.of(), List.of(), null), Policy.defaults());
        Result c = CompositeCalculator.compute(new Inputs("C", d("90"), null, false, d("76.6666666667"), 50, false,
                List.of(), List.of(), List.of(), null), Policy.defaults());
        Result none = CompositeCalculator.compute(Inputs.empty("N"), Policy.defaults());
        // a: (40·80 + 30·90)/70 = 84.2857; b, c: (40·90 + 30·76.67)/70 = 84.2857 too, but SUPERIOR 90 > 80
        assertEquals(CompositeCalculator.shown(a.composite()), CompositeCalculator.shown(b.composite()));
        Map<String, Integer> ranks = CompositeCalculator.rank(List.of(a, b, c, none));
        assertEquals(1, ranks.get("B"));
        assertEquals(1, ranks.get("C"));
        assertEquals(3, ranks.get("S"));
        assertFalse(ranks.containsKey("N"));
    }
}
