package io.jixiao.survey.domain.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SatisfactionIndexTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static List<BigDecimal> scores(String... s) {
        return java.util.Arrays.stream(s).map(BigDecimal::new).toList();
    }

    static void assertNumber(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual.setScale(8, RoundingMode.HALF_UP)),
                () -> "expected " + expected + " but was " + actual);
    }

    @Test
    void groupsAreWeightedAndTheErrorCombinesTheirVariances() {
        Map<RespondentGroup, GroupStats> stats = new EnumMap<>(RespondentGroup.class);
        stats.put(RespondentGroup.CITIZEN, GroupStats.of(scores("100", "75", "50")));
        stats.put(RespondentGroup.ENTERPRISE, GroupStats.of(scores("80", "100")));
        Map<RespondentGroup, BigDecimal> w = Map.of(RespondentGroup.CITIZEN, d("60"), RespondentGroup.ENTERPRISE,
                d("40"));
        SatisfactionIndex.Result r = SatisfactionIndex.compute(stats, w);
        assertNumber("81", r.index());
        assertEquals(5, r.n());
        BigDecimal se = d("91").sqrt(MathContext.DECIMAL128); // √(0.36·625/3 + 0.16·200/2)
        assertNumber(se.setScale(8, RoundingMode.HALF_UP).toPlainString(), r.standardError());
        assertNumber(d("81").subtract(d("1.96").multiply(se)).setScale(8, RoundingMode.HALF_UP).toPlainString(),
                r.lower95());
        assertTrue(r.flags().isEmpty());
    }

    @Test
    void aGroupWithoutResponsesLeavesAndTheOthersRenormalize() {
        Map<RespondentGroup, GroupStats> stats = Map.of(RespondentGroup.CITIZEN, GroupStats.of(scores("70", "90")));
        Map<RespondentGroup, BigDecimal> w = Map.of(RespondentGroup.CITIZEN, d("30"), RespondentGroup.PARTNER, d("70"));
        SatisfactionIndex.Result r = SatisfactionIndex.compute(stats, w);
        assertNumber("80", r.index());
        assertNumber("1", r.groups().stream().filter(g -> g.group() == RespondentGroup.CITIZEN).findFirst()
                .orElseThrow().effectiveWeight());
    }

    @Test
    void anIndexAbove99IsSuspiciousAndTheIntervalIsClipped() {
        SatisfactionIndex.Result r = SatisfactionIndex.compute(
                Map.of(RespondentGroup.CITIZEN, GroupStats.of(scores("100", "100", "99"))),
                Map.of(RespondentGroup.CITIZEN, d("1")));
        assertTrue(r.flags().contains(SatisfactionIndex.SUSPICIOUS_HIGH));
        assertNumber("100", r.upper95());
    }

    @Test
    void noResponsesNoIndex() {
        SatisfactionIndex.Result r = SatisfactionIndex.compute(Map.of(), Map.of(RespondentGroup.CITIZEN, d("1")));
        assertNull(r.index());
        assertEquals(0, r.n());
    }

    @Test
    void scalesMapLinearlyAndExplicitPointsWin() {
        Question likert = new Question("q1", RespondentGroup.CITIZEN, QuestionType.LIKERT5, "?", null, true, null,
                null);
        Question nps = new Question("q2", RespondentGroup.CITIZEN, QuestionType.NPS, "?", null, false, d("3"), null);
        Question good = new Question("q3", RespondentGroup.CITIZEN, QuestionType.GOOD_BAD5, "?", null, false, null,
                null);
        var out = ResponseScorer.score(List.of(likert, nps, good), RespondentGroup.CITIZEN, List.of(
                new ResponseScorer.Answer("q1", d("4"), null, null, null),
                new ResponseScorer.Answer("q2", d("7"), null, null, null),
                new ResponseScorer.Answer("q3", null, "UNSATISFIED", null, null)));
        assertTrue(out.accepted());
        assertNumber("75", out.answerScores().get(0));
        assertNumber("70", out.answerScores().get(1));
        assertNumber("30", out.answerScores().get(2));
        assertNumber("63", out.score().orElseThrow()); // (75 + 3·70 + 30) / 5
    }

    @Test
    void badAnswersAreRefusedWithTheirField() {
        Question likert = new Question("q1", RespondentGroup.CITIZEN, QuestionType.LIKERT5, "?", null, true, null,
                null);
        var out = ResponseScorer.score(List.of(likert), RespondentGroup.CITIZEN, List.of(
                new ResponseScorer.Answer("q1", d("3.5"), null, null, null),
                new ResponseScorer.Answer("zz", d("1"), null, null, null)));
        assertEquals(List.of("answers[0].value", "answers[1].question"),
                out.problems().stream().map(ResponseScorer.Problem::field).toList());
        var missing = ResponseScorer.score(List.of(likert), RespondentGroup.CITIZEN, List.of());
        assertEquals("answers", missing.problems().get(0).field());
    }
}
