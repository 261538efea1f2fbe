package io.jixiao.budget.domain.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

class DualMonitorPropertiesTest {

    static final Thresholds T = Thresholds.standard();

    static int severity(Light l) {
        return switch (l) {
            case NONE, GREEN -> 0;
            case YELLOW -> 1;
            case RED -> 2;
        };
    }

    static Light light(BigDecimal spent, int dayOfYear, BigDecimal goal) {
        return DualMonitor.assess(new DualMonitor.Input(BigDecimal.valueOf(1000), spent, 2026,
                LocalDate.ofYearDay(2026, dayOfYear), goal), T).light();
    }

    @Property
    boolean spendingMoreNeverWorsensTheLight(@ForAll @BigRange(min = "0", max = "1500") BigDecimal spent,
            @ForAll @BigRange(min = "0", max = "500") BigDecimal more, @ForAll @IntRange(min = 1, max = 365) int day,
            @ForAll @BigRange(min = "0", max = "100") BigDecimal goal) {
        return severity(light(spent.add(more), day, goal)) <= severity(light(spent, day, goal));
    }

    @Property
    boolean aBetterGoalScoreNeverWorsensTheLight(@ForAll @BigRange(min = "0", max = "1500") BigDecimal spent,
            @ForAll @IntRange(min = 1, max = 365) int day, @ForAll @BigRange(min = "0", max = "100") BigDecimal goal,
            @ForAll @BigRange(min = "0", max = "50") BigDecimal better) {
        BigDecimal higher = goal.add(better).min(BigDecimal.valueOf(100));
        return severity(light(spent, day, higher)) <= severity(light(spent, day, goal));
    }

    /**
     * Every reason that says a pace is below a threshold shows a pace below it, whatever the thresholds' decimals: the
     * spending is drawn just short of a threshold, where a pace rounded for the reason would show as the threshold.
     */
    @Property
    boolean aPaceShownBelowAThresholdIsBelowIt(@ForAll @IntRange(min = 31, max = 365) int day,
            @ForAll @BigRange(min = "0.5", max = "0.8") BigDecimal red,
            @ForAll @BigRange(min = "0", max = "0.3") BigDecimal gap,
            @ForAll boolean nearRed, @ForAll @BigRange(min = "0.000001", max = "1") @Scale(6) BigDecimal shortBy) {
        Thresholds t = new Thresholds(red, red.add(gap),
                T.redGoal(), T.yellowGoal(), T.minElapsed());
        LocalDate asOf = LocalDate.ofYearDay(2026, day);
        BigDecimal spent = (nearRed ? t.redPace() : t.yellowPace()).multiply(DualMonitor.timeProgress(2026, asOf))
                .multiply(BigDecimal.valueOf(1000)).subtract(shortBy).max(BigDecimal.ZERO);
        for (String reason : DualMonitor
                .assess(new DualMonitor.Input(BigDecimal.valueOf(1000), spent, 2026, asOf, null), t)
                .reasons()) {
            Matcher m = Pattern.compile("^pace ([0-9.]+) .* below ([0-9.]+)$").matcher(reason);
            if (m.matches() && new BigDecimal(m.group(1)).compareTo(new BigDecimal(m.group(2))) >= 0) {
                return false;
            }
        }
        return true;
    }

    @Property
    boolean timeProgressIsAShareOfTheYear(@ForAll @IntRange(min = 2000, max = 2100) int year,
            @ForAll @IntRange(min = 1, max = 365) int day) {
        BigDecimal t = DualMonitor.timeProgress(year, LocalDate.ofYearDay(year, day));
        return t.signum() > 0 && t.compareTo(BigDecimal.ONE) <= 0;
    }
}
