package io.jixiao.indicator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Periods in time: what orders indicator versions and earlier values. */
class PeriodTest {

    @Test
    void periodsStartAndEndInTheirMonths() {
        assertEquals(2026 * 12, Period.startMonth("2026"));
        assertEquals(2026 * 12 + 11, Period.endMonth("2026"));
        assertEquals(2026 * 12 + 6, Period.startMonth("2026-H2"));
        assertEquals(2026 * 12 + 11, Period.endMonth("2026-H2"));
        assertEquals(2026 * 12 + 3, Period.startMonth("2026-Q2"));
        assertEquals(2026 * 12 + 5, Period.endMonth("2026-Q2"));
        assertEquals(2026 * 12 + 6, Period.startMonth("2026-07"));
        assertEquals(2026 * 12 + 6, Period.endMonth("2026-07"));
    }

    @Test
    void thePeriodBeforeAVersionIsTheYearWhenItOpensAYearAndTheMonthOtherwise() {
        assertEquals("2025", Period.endingBefore(Period.startMonth("2026")));
        assertEquals("2026-06", Period.endingBefore(Period.startMonth("2026-Q3")));
        assertEquals("2025", Period.endingBefore(Period.startMonth("2026-01")));
        assertEquals("2026-01", Period.endingBefore(Period.startMonth("2026-02")));
    }

    @Test
    void kindsAndTheYearBefore() {
        assertTrue(Period.sameKind("2026-03", "2025-11"));
        assertTrue(Period.sameKind("2026-Q1", "2025-Q4"));
        assertFalse(Period.sameKind("2026-Q1", "2026-H1"));
        assertFalse(Period.sameKind("2026", "2026-01"));
        assertEquals("2025-Q3", Period.yearBefore("2026-Q3"));
        assertEquals("2025", Period.yearBefore("2026"));
    }
}
