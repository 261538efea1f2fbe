package io.jixiao.kit.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which periods a span of active dates covers: those it overlaps, by a single day or more. */
class ActivePeriodTest {

    private static final ActivePeriod CLOSED_30_JUNE = new ActivePeriod(null, LocalDate.of(2026, 6, 30));
    private static final ActivePeriod OPENED_15_MARCH = new ActivePeriod(LocalDate.of(2026, 3, 15), null);

    @Test
    void anOfficeClosedOn30JuneHasItsJuneItsSecondQuarterAndItsYearButNotItsJuly() {
        for (String p : List.of("2025", "2026", "2026-H1", "2026-Q2", "2026-06", "2026-01")) {
            assertTrue(CLOSED_30_JUNE.overlaps(p), p);
        }
        for (String p : List.of("2026-07", "2026-Q3", "2026-H2", "2027", "2027-01")) {
            assertFalse(CLOSED_30_JUNE.overlaps(p), p);
        }
    }

    @Test
    void aUnitOpenedInMidMarchHasItsMarchAndFirstQuarterButNotItsFebruary() {
        for (String p : List.of("2026", "2026-H1", "2026-Q1", "2026-03", "2027-12")) {
            assertTrue(OPENED_15_MARCH.overlaps(p), p);
        }
        for (String p : List.of("2025", "2025-H2", "2025-Q4", "2026-02", "2026-01")) {
            assertFalse(OPENED_15_MARCH.overlaps(p), p);
        }
    }

    @Test
    void openEndsCoverEveryPeriodAndOneDayCoversItsMonth() {
        ActivePeriod always = new ActivePeriod(null, null);
        assertTrue(always.overlaps("1999-01"));
        assertTrue(always.overlaps("2999"));
        ActivePeriod oneDay = new ActivePeriod(LocalDate.of(2026, 12, 31), LocalDate.of(2026, 12, 31));
        assertTrue(oneDay.overlaps("2026-12"));
        assertTrue(oneDay.overlaps("2026-Q4"));
        assertFalse(oneDay.overlaps("2026-11"));
        assertFalse(oneDay.overlaps("2027-01"));
    }

    @Test
    void theRefusalSaysWhenTheSubjectIsActive() {
        assertEquals("subject D01 is active until 2026-06-30 and so has no values for 2026-07",
                CLOSED_30_JUNE.refusal("D01", "2026-07", "values"));
        assertEquals("subject U9 is active from 2026-03-15 and so has no survey for 2026-02",
                OPENED_15_MARCH.refusal("U9", "2026-02", "survey"));
        assertEquals("subject X is active from 2026-01-01 until 2026-06-30 and so has no budget for 2027",
                new ActivePeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30)).refusal("X", "2027", "budget"));
    }
}
