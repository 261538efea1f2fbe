package io.jixiao.budget.domain.rules;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
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
        BigDecimal politicalPenalty, BigDecimal livelihoodMaxCut, List<Band> bands) {

    /**
     * A finer rule on the composite score: shown composite in [from, to) takes {@code adjustment} instead of its
     * grade's. Bands must not overlap, and a higher band must not be cut more than a lower one.
     */
    public record Band(BigDecimal from, BigDecimal to, BigDecimal adjustment) {
        public boolean contains(BigDecimal score) {
            return score.compareTo(from) >= 0 && (score.compareTo(to) < 0
                    || to.compareTo(BigDecimal.valueOf(100)) == 0 && score.compareTo(to) == 0);
        }
    }

    public RuleTable(int fiscalYear, int version, Map<Grade, BigDecimal> gradeAdjustment, BigDecimal excellentCeiling,
            int cancelAfterFailYears, BigDecimal politicalThreshold, BigDecimal politicalPenalty,
            BigDecimal livelihoodMaxCut) {
        this(fiscalYear, version, gradeAdjustment, excellentCeiling, cancelAfterFailYears, politicalThreshold,
                politicalPenalty, livelihoodMaxCut, List.of());
    }

    public RuleTable {
        bands = bands == null ? List.of() : bands.stream().sorted(java.util.Comparator.comparing(Band::from)).toList();
        for (int i = 0; i < bands.size(); i++) {
            Band b = bands.get(i);
            if (b.from().signum() < 0 || b.to().compareTo(BigDecimal.valueOf(100)) > 0
                    || b.from().compareTo(b.to()) >= 0) {
                throw new IllegalArgumentException("band [" + b.from() + ", " + b.to() + ") must lie within 0..100");
            }
            if (b.adjustment().compareTo(BigDecimal.valueOf(-100)) < 0) {
                throw new IllegalArgumentException("an adjustment cannot cut more than 100%");
            }
            if (i > 0) {
                Band prev = bands.get(i - 1);
                if (prev.to().compareTo(b.from()) > 0) {
                    throw new IllegalArgumentException("bands [" + prev.from() + ", " + prev.to() + ") and ["
                            + b.from() + ", " + b.to() + ") overlap");
                }
                if (prev.adjustment().compareTo(b.adjustment()) > 0) {
                    throw new IllegalArgumentException("a higher band cannot be adjusted below a lower one");
                }
            }
        }
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
