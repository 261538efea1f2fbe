package io.jixiao.budget.domain.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class DualMonitorTest {

    static final Thresholds T = Thresholds.standard();
    static final LocalDate YEAR_END = LocalDate.of(2026, 12, 31);

    static DualMonitor.Assessment assess(String spent, LocalDate asOf, String goal) {
        return DualMonitor.assess(new DualMonitor.Input(new BigDecimal("1000"), new BigDecimal(spent), 2026, asOf,
                goal == null ? null : new BigDecimal(goal)), T);
    }

    @Test
    void paceAloneGivesEachLightAndTheBoundariesBelongToTheBetterOne() {
        assertEquals(Light.RED, assess("700", YEAR_END, null).light()); // r = 0.7
        assertEquals(Light.YELLOW, assess("750", YEAR_END, null).light()); // r = 0.75 is not below 0.75
        assertEquals(Light.YELLOW, assess("899.99", YEAR_END, null).light());
        assertEquals(Light.GREEN, assess("900", YEAR_END, null).light());
    }

    @Test
    void aReasonNeverShowsAPaceBelowItsThresholdAsTheThresholdItself() {
        // just below 0.75, as payments rounded to the fen can leave a project: cut to 0.749, not rounded to 0.750
        DualMonitor.Assessment a = assess("749.9996", YEAR_END, null);
        assertEquals(Light.RED, a.light());
        assertEquals("pace 0.749 (execution 75.0% at 100.0% of the year) below 0.75", a.reasons().get(0));
        assertEquals("pace 0.899 (execution 90.0% at 100.0% of the year) below 0.9",
                assess("899.9999", YEAR_END, null).reasons().get(0));
        assertEquals("pace 0.620 (execution 31.0% at 50.0% of the year) below 0.75", DualMonitor.assess(
                new DualMonitor.Input(new BigDecimal("1000"), new BigDecimal("310"), 2028, LocalDate.of(2028, 7, 1),
                        null),
                T).reasons().get(0));
    }

    @Test
    void theGoalScoreJudgesOnItsShownValue() {
        assertEquals(Light.RED, assess("1000", YEAR_END, "59.994").light());
        assertEquals(Light.YELLOW, assess("1000", YEAR_END, "59.995").light());
        assertEquals(Light.GREEN, assess("1000", YEAR_END, "79.995").light());
        // a bad pace and a fair goal: the worse wins
        DualMonitor.Assessment a = assess("700", YEAR_END, "85");
        assertEquals(Light.RED, a.light());
        assertEquals(1, a.reasons().size());
    }

    @Test
    void paceIsNotJudgedInTheFirstTwelfthOfTheYear() {
        DualMonitor.Assessment early = assess("0", LocalDate.of(2026, 1, 20), "85");
        assertFalse(early.paceJudged());
        assertEquals(Light.GREEN, early.light());
        assertEquals(Light.NONE, assess("0", LocalDate.of(2026, 1, 20), null).light());
        assertTrue(assess("0", LocalDate.of(2026, 2, 1), null).paceJudged()); // 32/365 > 1/12
        assertEquals(Light.RED, assess("0", LocalDate.of(2026, 2, 1), null).light());
    }

    @Test
    void timeProgressCountsDaysOfTheFiscalYear() {
        assertEquals(0, new BigDecimal("0.5").compareTo(DualMonitor.timeProgress(2028, LocalDate.of(2028, 7, 1))));
        assertEquals(0, BigDecimal.ONE.compareTo(DualMonitor.timeProgress(2026, LocalDate.of(2027, 3, 1))));
        assertEquals(0, BigDecimal.ZERO.compareTo(DualMonitor.timeProgress(2026, LocalDate.of(2025, 12, 31))));
        DualMonitor.Assessment half = DualMonitor.assess(new DualMonitor.Input(new BigDecimal("1000"),
                new BigDecimal("400"), 2028, LocalDate.of(2028, 7, 1), null), T);
        assertEquals(0, new BigDecimal("0.8").compareTo(half.pace())); // 0.4 / 0.5
        assertEquals(Light.YELLOW, half.light());
    }

    @Test
    void aProjectWithNothingApprovedHasNoPace() {
        DualMonitor.Assessment a = DualMonitor.assess(new DualMonitor.Input(BigDecimal.ZERO, BigDecimal.ZERO, 2026,
                YEAR_END, null), T);
        assertEquals(Light.NONE, a.light());
        assertNull(a.goalScore());
    }
}
