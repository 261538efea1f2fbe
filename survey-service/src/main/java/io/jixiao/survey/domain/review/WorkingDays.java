package io.jixiao.survey.domain.review;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * The working-day calendar: Monday to Friday, except public holidays, plus the weekend days worked in exchange for a
 * holiday (调休). Pure.
 */
public record WorkingDays(Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays) {

    public WorkingDays {
        holidays = Set.copyOf(holidays);
        makeUpWorkdays = Set.copyOf(makeUpWorkdays);
    }

    public static WorkingDays weekdaysOnly() {
        return new WorkingDays(Set.of(), Set.of());
    }

    public boolean isWorkingDay(LocalDate d) {
        if (makeUpWorkdays.contains(d)) {
            return true;
        }
        if (holidays.contains(d)) {
            return false;
        }
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * The date {@code n} working days after {@code start}: the start day itself is not counted (a bad review on a
     * Monday with n = 1 is due on Tuesday), and the result is always a working day.
     */
    public LocalDate plus(LocalDate start, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + n);
        }
        LocalDate d = start;
        int counted = 0;
        while (counted < n) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                counted++;
            }
        }
        return d;
    }
}
