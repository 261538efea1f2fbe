package io.jixiao.kit.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A date or time a government record can carry: in the years {@value #FIRST} to {@value #LAST}. JSON takes any date
 * Java can hold (year +999999999), PostgreSQL refuses what it cannot store (a 500 after the request was judged valid),
 * and a year 0 or 10000 is a typing mistake either way. Null is left to {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = {PlausibleDate.Dates.class, PlausibleDate.Times.class, PlausibleDate.Instants.class})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlausibleDate {

    int FIRST = 1900;
    int LAST = 2999;

    String message() default "must be in the years " + FIRST + " to " + LAST;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check itself, for callers that read dates from files. */
    final class Years {
        private Years() {
        }

        public static boolean plausible(int year) {
            return year >= FIRST && year <= LAST;
        }
    }

    class Dates implements ConstraintValidator<PlausibleDate, LocalDate> {
        @Override
        public boolean isValid(LocalDate d, ConstraintValidatorContext ctx) {
            return d == null || Years.plausible(d.getYear());
        }
    }

    class Times implements ConstraintValidator<PlausibleDate, OffsetDateTime> {
        @Override
        public boolean isValid(OffsetDateTime t, ConstraintValidatorContext ctx) {
            return t == null || Years.plausible(t.getYear())
                    && Years.plausible(t.withOffsetSameInstant(ZoneOffset.UTC).getYear());
        }
    }

    class Instants implements ConstraintValidator<PlausibleDate, Instant> {
        @Override
        public boolean isValid(Instant i, ConstraintValidatorContext ctx) {
            return i == null || i.isAfter(Instant.parse(FIRST + "-01-01T00:00:00Z").minusSeconds(1))
                    && i.isBefore(Instant.parse((LAST + 1) + "-01-01T00:00:00Z"));
        }
    }
}
