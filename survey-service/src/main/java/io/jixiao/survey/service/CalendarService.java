package io.jixiao.survey.service;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.problem.ProblemException.PreconditionFailedException;
import io.jixiao.survey.domain.review.WorkingDays;

/** The working-day calendar of rectification due dates: holidays and make-up working days, per year, as data. */
@ApplicationScoped
public class CalendarService {

    @Schema(name = "DayKind")
    public enum Kind {
        HOLIDAY, WORKDAY
    }

    public record Day(LocalDate date, Kind kind, String name) {
    }

    private final EntityManager em;

    public CalendarService(EntityManager em) {
        this.em = em;
    }

    public List<Day> year(int year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select day, kind, name from calendar_day where day >= ?1 and day"
                + " < ?2 order by day").setParameter(1, LocalDate.of(year, 1, 1))
                .setParameter(2, LocalDate.of(year + 1, 1, 1)).getResultList();
        return rows.stream().map(r -> new Day(toDate(r[0]), Kind.valueOf((String) r[1]), (String) r[2])).toList();
    }

    /** A year's days with the revision they are at. */
    public record Revised(List<Day> days, long revision) {
    }

    /** The revision of a year's calendar: 0 until it is first set, then one more with each replacement. */
    public long revision(int year) {
        @SuppressWarnings("unchecked")
        List<Number> r = em.createNativeQuery("select revision from calendar_year where year = ?1")
                .setParameter(1, year).getResultList();
        return r.isEmpty() ? 0 : r.get(0).longValue();
    }

    /**
     * Replaces a year's holidays and make-up working days, each date once and inside the year. With
     * {@code expectedRevision}, only if the year is still at that revision (412 otherwise). Replacements of one year
     * run one after the other: the year's revision row is locked first.
     */
    @Transactional
    public Revised replaceYear(int year, Long expectedRevision, List<Day> days) {
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < days.size(); i++) {
            Day d = days.get(i);
            if (d.date().getYear() != year) {
                throw new InvalidInputException("days[" + i + "].date", d.date() + " is not in " + year);
            }
            if (!seen.add(d.date())) {
                throw new InvalidInputException("days[" + i + "].date", d.date() + " is listed twice");
            }
        }
        em.createNativeQuery("insert into calendar_year (year, revision) values (?1, 0) on conflict (year) do nothing")
                .setParameter(1, year).executeUpdate();
        long current = ((Number) em.createNativeQuery("select revision from calendar_year where year = ?1 for update")
                .setParameter(1, year).getSingleResult()).longValue();
        if (expectedRevision != null && expectedRevision != current) {
            throw new PreconditionFailedException("the " + year + " calendar is at revision " + current + ", not "
                    + expectedRevision + "; reload it and apply your change again");
        }
        em.createNativeQuery("delete from calendar_day where day >= ?1 and day < ?2")
                .setParameter(1, LocalDate.of(year, 1, 1)).setParameter(2, LocalDate.of(year + 1, 1, 1))
                .executeUpdate();
        for (Day d : days) {
            em.createNativeQuery("insert into calendar_day (day, kind, name) values (?1, ?2, ?3)")
                    .setParameter(1, d.date()).setParameter(2, d.kind().name()).setParameter(3, d.name())
                    .executeUpdate();
        }
        em.createNativeQuery("update calendar_year set revision = ?2 where year = ?1").setParameter(1, year)
                .setParameter(2, current + 1).executeUpdate();
        return new Revised(year(year), current + 1);
    }

    /** The calendar from a date on (a due date is never more than a few weeks ahead, but holidays span years). */
    public WorkingDays from(LocalDate start) {
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> workdays = new HashSet<>();
        for (int y = start.getYear(); y <= start.getYear() + 1; y++) {
            for (Day d : year(y)) {
                (d.kind() == Kind.HOLIDAY ? holidays : workdays).add(d.date());
            }
        }
        return new WorkingDays(holidays, workdays);
    }

    private static LocalDate toDate(Object o) {
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }
}
