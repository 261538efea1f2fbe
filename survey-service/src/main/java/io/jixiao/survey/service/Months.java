package io.jixiao.survey.service;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import io.jixiao.kit.problem.ProblemException.InvalidInputException;

/** Calendar months of China Standard Time, as instants: where a review's month begins and ends. */
final class Months {

    record Range(YearMonth month, OffsetDateTime from, OffsetDateTime to) {
    }

    private Months() {
    }

    static Range range(String month) {
        YearMonth m = parse(month);
        return new Range(m, m.atDay(1).atStartOfDay(ReviewService.CHINA).toOffsetDateTime(),
                m.plusMonths(1).atDay(1).atStartOfDay(ReviewService.CHINA).toOffsetDateTime());
    }

    static YearMonth parse(String month) {
        if (month == null) {
            throw new InvalidInputException("month", "required, such as 2026-10");
        }
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("month", "'" + month + "' is not a month such as 2026-10");
        }
    }
}
