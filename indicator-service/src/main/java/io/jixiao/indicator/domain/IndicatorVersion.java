package io.jixiao.indicator.domain;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.jixiao.kit.period.Period;

/**
 * One version of an indicator's definition and the periods it applies to: from {@code validFrom} (null: from the
 * beginning) up to {@code validTo} (null: open-ended). A period is scored with the version in force in its first
 * month. Versions of one indicator never overlap.
 */
@Entity
@Table(name = "indicator_version")
public class IndicatorVersion extends IndicatorDefinition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "indicator_code", nullable = false)
    public String indicatorCode;

    @Column(name = "version_no", nullable = false)
    public int versionNo;

    @Column(name = "valid_from")
    public String validFrom;

    @Column(name = "valid_to")
    public String validTo;

    @Column(name = "from_month", nullable = false)
    public int fromMonth;

    @Column(name = "to_month")
    public Integer toMonth;

    public String reason;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt = OffsetDateTime.now();

    @Override
    public String code() {
        return indicatorCode;
    }

    /** Whether this version applies to a period starting in {@code month} (see {@link Period#startMonth}). */
    public boolean inForce(int month) {
        return covers(fromMonth, toMonth, month);
    }

    /** Whether the months {@code [from, to]} (to null: open-ended) include {@code month}. */
    public static boolean covers(int from, Integer to, int month) {
        return from <= month && (to == null || month <= to);
    }

    /** Whether this version's periods and {@code [from, to]} (to null: open-ended) share a month. */
    public boolean overlaps(int from, Integer to) {
        return (to == null || fromMonth <= to) && (toMonth == null || from <= toMonth);
    }

    /** Ends this version with the period before {@code month} (see {@link Period#endingBefore}). */
    public void endBefore(int month) {
        toMonth = month - 1;
        validTo = Period.endingBefore(month);
    }

    /** This version as the indicator it defines for scoring: detached, never persisted. */
    public Indicator asIndicator() {
        Indicator i = new Indicator();
        i.code = indicatorCode;
        i.copyDefinition(this);
        i.definitionVersion = versionNo;
        return i;
    }
}
