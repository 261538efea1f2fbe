package io.jixiao.budget.domain.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;

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

    @Property
    boolean timeProgressIsAShareOfTheYear(@ForAll @IntRange(min = 2000, max = 2100) int year,
            @ForAll @IntRange(min = 1, max = 365) int day) {
        BigDecimal t = DualMonitor.timeProgress(year, LocalDate.ofYearDay(year, day));
        return t.signum() > 0 && t.compareTo(BigDecimal.ONE) <= 0;
    }
}
