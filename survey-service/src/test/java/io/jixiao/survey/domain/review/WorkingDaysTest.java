package io.jixiao.survey.domain.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    static final LocalDate FRIDAY = LocalDate.of(2026, 9, 25);

    @Test
    void fifteenWorkingDaysSkipWeekends() {
        // 9-28..10-2, 10-5..10-9, 10-12..10-16: the fifteenth is Friday 16 October
        assertEquals(LocalDate.of(2026, 10, 16), WorkingDays.weekdaysOnly().plus(FRIDAY, 15));
    }

    @Test
    void holidaysAreSkippedAndMakeUpWeekendDaysCount() {
        Set<LocalDate> national = new HashSet<>();
        for (int d = 1; d <= 7; d++) {
            national.add(LocalDate.of(2026, 10, d));
        }
        WorkingDays cal = new WorkingDays(national, Set.of(LocalDate.of(2026, 10, 10)));
        // 9-28, 9-29, 9-30 (3); 10-8, 10-9 (5); Saturday 10-10 worked (6); 10-12..16 (11); 10-19..22 (15)
        assertEquals(LocalDate.of(2026, 10, 22), cal.plus(FRIDAY, 15));
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 10, 1)));
        assertTrue(cal.isWorkingDay(LocalDate.of(2026, 10, 10)));
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 10, 11)));
    }

    @Test
    void theStartDayIsNotCountedAndARatingOnASundayStartsOnMonday() {
        LocalDate sunday = LocalDate.of(2026, 11, 22);
        assertEquals(LocalDate.of(2026, 11, 23), WorkingDays.weekdaysOnly().plus(sunday, 1));
        assertEquals(LocalDate.of(2026, 11, 24), WorkingDays.weekdaysOnly().plus(LocalDate.of(2026, 11, 23), 1));
        assertEquals(sunday, WorkingDays.weekdaysOnly().plus(sunday, 0));
        assertThrows(IllegalArgumentException.class, () -> WorkingDays.weekdaysOnly().plus(sunday, -1));
    }
}
