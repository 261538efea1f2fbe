package io.jixiao.kit.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

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
    void aPeriodsDaysRunFromTheFirstOfItsFirstMonthToTheLastOfItsLast() {
        assertEquals(LocalDate.of(2026, 1, 1), Period.firstDay("2026"));
        assertEquals(LocalDate.of(2026, 12, 31), Period.lastDay("2026"));
        assertEquals(LocalDate.of(2026, 7, 1), Period.firstDay("2026-H2"));
        assertEquals(LocalDate.of(2026, 6, 30), Period.lastDay("2026-H1"));
        assertEquals(LocalDate.of(2028, 2, 29), Period.lastDay("2028-02"));
        assertEquals(LocalDate.of(2026, 9, 30), Period.lastDay("2026-Q3"));
        assertEquals(LocalDate.of(2026, 10, 1), Period.firstDay("2026-Q4"));
    }

    @Test
    void thePeriodBeforeAVersionIsTheYearWhenItOpensAYearAndTheMonthOtherwise() {
        assertEquals("2025", Period.endingBefore(Period.startMonth("2026")));
        assertEquals("2026-06", Period.endingBefore(Period.startMonth("2026-Q3")));
        assertEquals("2025", Period.endingBefore(Period.startMonth("2026-01")));
        assertEquals("2026-01", Period.endingBefore(Period.startMonth("2026-02")));
    }

    @Test
    void theSqlKindFilterSelectsExactlyThePeriodsOfTheSameKind() {
        List<String> periods = List.of("2025", "2026", "2025-H1", "2026-H2", "2025-Q1", "2026-Q4", "2025-01", "2025-09",
                "2026-10", "2026-12");
        for (String p : periods) {
            Period.KindFilter f = Period.kindFilter(p);
            for (String stored : periods) {
                // what PostgreSQL evaluates: length(period) = ? and substr(period, 6, 1) between ? and ?
                String sixth = stored.length() > 5 ? stored.substring(5, 6) : "";
                boolean selected = stored.length() == f.length() && sixth.compareTo(f.first()) >= 0
                        && sixth.compareTo(f.last()) <= 0;
                assertEquals(Period.sameKind(p, stored), selected, p + " selecting " + stored);
            }
        }
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
