package io.jixiao.budget.domain.rules;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * The result-linkage rules of one fiscal year, as data (DESIGN section 6). Percentages are signed: −10 means a 10% cut.
 *
 * @param gradeAdjustment grade → adjustment percent
 * @param excellentCeiling how far an EXCELLENT project may grow (priority guarantee), percent
 * @param cancelAfterFailYears this many FAIL years running cancel the project (0: never)
 * @param politicalThreshold a POLITICAL dimension score below this adds {@code politicalPenalty}
 * @param politicalPenalty percent, added to the grade's adjustment
 * @param livelihoodMaxCut LIVELIHOOD projects are never cut by more than this percent (nor cancelled)
 */
public record RuleTable(int fiscalYear, int version, Map<Grade, BigDecimal> gradeAdjustment,
        BigDecimal excellentCeiling, int cancelAfterFailYears, BigDecimal politicalThreshold,
        BigDecimal politicalPenalty, BigDecimal livelihoodMaxCut) {

    public RuleTable {
        gradeAdjustment = new EnumMap<>(gradeAdjustment);
        for (Grade g : Grade.values()) {
            if (!gradeAdjustment.containsKey(g)) {
                throw new IllegalArgumentException("the rule table has no adjustment for " + g);
            }
            if (gradeAdjustment.get(g).compareTo(BigDecimal.valueOf(-100)) < 0) {
                throw new IllegalArgumentException("an adjustment cannot cut more than 100%");
            }
        }
        for (int i = 1; i < Grade.values().length; i++) {
            Grade better = Grade.values()[i - 1];
            Grade worse = Grade.values()[i];
            if (gradeAdjustment.get(better).compareTo(gradeAdjustment.get(worse)) < 0) {
                throw new IllegalArgumentException(
                        "a better grade (" + better + ") cannot be adjusted below a worse one ("
                                + worse + ")");
            }
        }
        if (livelihoodMaxCut.signum() < 0 || politicalPenalty.signum() > 0 || excellentCeiling.signum() < 0) {
            throw new IllegalArgumentException(
                    "livelihoodMaxCut and excellentCeiling are positive, politicalPenalty negative");
        }
    }

    /** The rules of DESIGN section 6. */
    public static RuleTable standard(int fiscalYear) {
        Map<Grade, BigDecimal> g = new EnumMap<>(Grade.class);
        g.put(Grade.EXCELLENT, BigDecimal.ZERO);
        g.put(Grade.GOOD, BigDecimal.ZERO);
        g.put(Grade.PASS, BigDecimal.valueOf(-10));
        g.put(Grade.FAIL, BigDecimal.valueOf(-30));
        return new RuleTable(fiscalYear, 1, g, BigDecimal.TEN, 2, BigDecimal.valueOf(60), BigDecimal.valueOf(-10),
                BigDecimal.TEN);
    }
}
