package io.jixiao.budget.domain.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Next year's recommended amount of a project from its subject's result (结果与预算挂钩): the grade's adjustment, plus
 * the political penalty, capped for livelihood projects; two FAIL years running cancel. Amounts are exact, in yuan,
 * rounded half-up to the fen, and every proposal carries its explanation.
 */
public final class ProposalCalculator {

    @Schema(name = "ProposalAction")
    public enum Action {
        PRIORITY, KEEP, REDUCE, CANCEL
    }

    /**
     * @param politicalScore the subject's POLITICAL dimension score for the year, or null if unknown
     * @param previousGrade the grade of the year before, or null
     */
    public record Input(Category category, BigDecimal current, Grade grade, BigDecimal composite,
            BigDecimal politicalScore, Grade previousGrade, int year) {
    }

    public record Proposal(BigDecimal proposed, BigDecimal ceiling, BigDecimal adjustmentPercent, Action action,
            String rule, List<String> explanation) {
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ProposalCalculator() {
    }

    public static Proposal propose(Input in, RuleTable rules) {
        if (in.current().signum() < 0) {
            throw new IllegalArgumentException("the current amount must not be negative");
        }
        List<String> why = new ArrayList<>();
        String composite = in.composite() == null
                ? ""
                : " (composite " + in.composite().setScale(2, RoundingMode.HALF_UP) + ")";
        boolean livelihood = in.category() == Category.LIVELIHOOD;

        if (rules.cancelAfterFailYears() == 2 && in.grade() == Grade.FAIL && in.previousGrade() == Grade.FAIL
                && !livelihood) {
            why.add("grade FAIL in " + in.year() + composite + " and in " + (in.year() - 1)
                    + ": two years running → cancel");
            why.add(yuan(in.current()) + " → 0.00");
            return new Proposal(BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), HUNDRED.negate(),
                    Action.CANCEL, "FAIL_TWO_YEARS_CANCEL", why);
        }

        BigDecimal pct = rules.gradeAdjustment().get(in.grade());
        String rule = "GRADE_" + in.grade();
        RuleTable.Band band = in.composite() == null
                ? null
                : rules.bands().stream()
                        .filter(b -> b.contains(in.composite().setScale(2, RoundingMode.HALF_UP))).findFirst()
                        .orElse(null);
        if (band != null) {
            pct = band.adjustment();
            rule = "BAND_" + band.from().stripTrailingZeros().toPlainString() + "_"
                    + band.to().stripTrailingZeros().toPlainString();
            why.add("composite" + composite.replace(" (composite", "").replace(")", "") + " in " + in.year()
                    + " falls in the band [" + band.from().stripTrailingZeros().toPlainString() + ", "
                    + band.to().stripTrailingZeros().toPlainString() + "): " + percent(pct));
        } else {
            why.add("grade " + in.grade() + " in " + in.year() + composite + ": " + percent(pct));
        }
        if (in.politicalScore() != null && in.politicalScore().setScale(2, RoundingMode.HALF_UP)
                .compareTo(rules.politicalThreshold()) < 0) {
            pct = pct.add(rules.politicalPenalty());
            rule += "+POLITICAL_PENALTY";
            why.add("POLITICAL dimension " + in.politicalScore().setScale(2, RoundingMode.HALF_UP) + " below "
                    + rules.politicalThreshold().stripTrailingZeros().toPlainString() + ": "
                    + percent(rules.politicalPenalty()) + " more, " + percent(pct) + " in all");
        }
        if (in.grade() == Grade.FAIL && in.previousGrade() == Grade.FAIL && livelihood) {
            why.add("FAIL two years running, but a LIVELIHOOD project is never cancelled");
        }
        if (livelihood && pct.compareTo(rules.livelihoodMaxCut().negate()) < 0) {
            pct = rules.livelihoodMaxCut().negate();
            rule += "+LIVELIHOOD_CAP";
            why.add("LIVELIHOOD project: the cut is capped at " + percent(pct));
        }
        BigDecimal factor = BigDecimal.ONE.add(pct.divide(HUNDRED));
        BigDecimal proposed = in.current().multiply(factor).setScale(2, RoundingMode.HALF_UP);
        why.add(yuan(in.current()) + " × (1 " + (pct.signum() < 0 ? "− " : "+ ")
                + pct.abs().divide(HUNDRED).stripTrailingZeros().toPlainString() + ") = " + yuan(proposed));
        BigDecimal ceiling = proposed;
        Action action = pct.signum() < 0 ? Action.REDUCE : Action.KEEP;
        if (in.grade() == Grade.EXCELLENT) {
            ceiling = in.current().multiply(BigDecimal.ONE.add(rules.excellentCeiling().divide(HUNDRED)))
                    .setScale(2, RoundingMode.HALF_UP);
            if (pct.signum() >= 0) {
                action = Action.PRIORITY;
                why.add("priority guarantee: may grow up to " + percent(rules.excellentCeiling()) + ", ceiling "
                        + yuan(ceiling));
            }
        }
        return new Proposal(proposed, ceiling.max(proposed), pct, action, rule, why);
    }

    static String percent(BigDecimal p) {
        String abs = p.abs().stripTrailingZeros().toPlainString();
        return switch (p.signum()) {
            case 1 -> "+" + abs + "%";
            case -1 -> "−" + abs + "%";
            default -> "±0%";
        };
    }

    static String yuan(BigDecimal amount) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(amount);
    }
}
