package io.jixiao.budget.domain.monitoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * 预算执行进度与绩效目标实现程度"双监控" (DESIGN section 6): execution rate e = spent / approved, time progress τ = elapsed
 * share of the fiscal year, pace r = e / τ, goal score g = weighted score of the linked indicators.
 */
public final class DualMonitor {

    private static final MathContext MC = MathContext.DECIMAL64;

    /**
     * @param goalScore the weighted score of the linked indicators, or null when none is known yet
     */
    public record Input(BigDecimal approved, BigDecimal spent, int fiscalYear, LocalDate asOf, BigDecimal goalScore) {
    }

    /** The assessment, with every number it rests on and the reasons of its light. */
    public record Assessment(BigDecimal executionRate, BigDecimal timeProgress, BigDecimal pace, BigDecimal goalScore,
            boolean paceJudged, Light light, List<String> reasons) {
    }

    private DualMonitor() {
    }

    /** Elapsed share of the calendar fiscal year at the end of {@code asOf}, in [0, 1]. */
    public static BigDecimal timeProgress(int fiscalYear, LocalDate asOf) {
        LocalDate start = LocalDate.of(fiscalYear, 1, 1);
        LocalDate end = start.plusYears(1);
        if (!asOf.isAfter(start.minusDays(1))) {
            return BigDecimal.ZERO;
        }
        if (!asOf.isBefore(end)) {
            return BigDecimal.ONE;
        }
        long days = ChronoUnit.DAYS.between(start, end);
        long elapsed = ChronoUnit.DAYS.between(start, asOf) + 1;
        return BigDecimal.valueOf(elapsed).divide(BigDecimal.valueOf(days), MC);
    }

    public static Assessment assess(Input in, Thresholds t) {
        BigDecimal e = in.approved().signum() == 0 ? BigDecimal.ZERO : in.spent().divide(in.approved(), MC);
        BigDecimal tau = timeProgress(in.fiscalYear(), in.asOf());
        boolean paceJudged = tau.compareTo(t.minElapsed()) >= 0 && in.approved().signum() > 0;
        BigDecimal r = tau.signum() == 0 ? null : e.divide(tau, MC);
        BigDecimal g = in.goalScore();
        List<String> reasons = new ArrayList<>();
        Light light = Light.GREEN;
        if (!paceJudged && g == null) {
            reasons.add("too early in the year to judge the pace, and no goal score yet");
            return new Assessment(e, tau, r, null, false, Light.NONE, reasons);
        }
        if (paceJudged) {
            String pace = "pace " + truncated(r) + " (execution " + percent(e) + " at " + percent(tau)
                    + " of the year)";
            if (r.compareTo(t.redPace()) < 0) {
                light = Light.RED;
                reasons.add(pace + " below " + t.redPace().stripTrailingZeros().toPlainString());
            } else if (r.compareTo(t.yellowPace()) < 0) {
                light = Light.YELLOW;
                reasons.add(pace + " below " + t.yellowPace().stripTrailingZeros().toPlainString());
            }
        } else {
            reasons.add("pace not judged before " + percent(t.minElapsed()) + " of the year");
        }
        if (g != null) {
            BigDecimal shown = g.setScale(2, RoundingMode.HALF_UP);
            if (shown.compareTo(t.redGoal()) < 0) {
                light = Light.RED;
                reasons.add("goal score " + shown + " below " + t.redGoal().stripTrailingZeros().toPlainString());
            } else if (shown.compareTo(t.yellowGoal()) < 0) {
                light = light == Light.RED ? Light.RED : Light.YELLOW;
                reasons.add("goal score " + shown + " below " + t.yellowGoal().stripTrailingZeros().toPlainString());
            }
        } else {
            reasons.add("no score of the linked indicators yet: pace only");
        }
        return new Assessment(e, tau, r, g, paceJudged, light, reasons);
    }

    /**
     * The pace as a reason shows it: cut, not rounded, to 3 decimals, so that a pace below a threshold never shows as
     * the threshold itself (0.7499999 is "0.749 below 0.75", where rounding wrote "0.750 below 0.75"). The light is
     * decided on the pace itself, as the thresholds (up to 4 decimals) are written.
     */
    private static String truncated(BigDecimal x) {
        return x.setScale(3, RoundingMode.DOWN).toPlainString();
    }

    private static String percent(BigDecimal x) {
        return x.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
