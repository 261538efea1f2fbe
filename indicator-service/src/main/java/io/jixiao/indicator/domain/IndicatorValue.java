package io.jixiao.indicator.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.jixiao.indicator.domain.scoring.Light;

/** A reported value of an indicator for a subject and period. Corrections supersede it; history is kept. */
@Entity
@Table(name = "indicator_value")
public class IndicatorValue {

    /**
     * COUNTED: scored into the scorecard (the current value, or history); HELD: flagged, waiting for an admin's review,
     * not counted; REJECTED: refused at review; WITHDRAWN: held, then replaced by a later report.
     */
    @Schema(name = "ValueStatus")
    public enum Status {
        COUNTED, HELD, REJECTED, WITHDRAWN
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "subject_code", nullable = false)
    public String subjectCode;

    @Column(name = "indicator_code", nullable = false)
    public String indicatorCode;

    @Column(nullable = false)
    public String period;

    public BigDecimal actual;

    public String level;

    @Column(nullable = false)
    public BigDecimal score;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Light light;

    @Column(nullable = false)
    public String source;

    @Column(name = "evidence_url")
    public String evidenceUrl;

    @Column(name = "reported_by", nullable = false)
    public String reportedBy;

    @Column(name = "reported_at", nullable = false)
    public OffsetDateTime reportedAt;

    @Column(name = "correction_reason")
    public String correctionReason;

    @Column(name = "is_current", nullable = false)
    public boolean current = true;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.COUNTED;

    /** The version of the indicator's definition this value was scored with. */
    @Column(name = "definition_version", nullable = false)
    public int definitionVersion = 1;

    /** The same reported value scored again under another definition version: a new row for the history. */
    public IndicatorValue rescored(java.math.BigDecimal newScore, Light newLight, int version, String by,
            java.time.OffsetDateTime at, String reason) {
        IndicatorValue v = new IndicatorValue();
        v.subjectCode = subjectCode;
        v.indicatorCode = indicatorCode;
        v.period = period;
        v.actual = actual;
        v.level = level;
        v.source = source;
        v.evidenceUrl = evidenceUrl;
        v.score = newScore;
        v.light = newLight;
        v.definitionVersion = version;
        v.reportedBy = by;
        v.reportedAt = at;
        v.correctionReason = reason;
        return v;
    }

    /** Holds this value for review: stored, not counted. */
    public void hold() {
        status = Status.HELD;
        current = false;
    }

    /** A held value accepted at review: it becomes the counted value (the caller supersedes the previous one). */
    public void count() {
        status = Status.COUNTED;
        current = true;
    }

    /** A held value refused at review, or replaced before it: it never counts. */
    public void discard(Status why) {
        status = why;
        current = false;
    }

    /** Marks this value as replaced by a correction; it stays in the history. */
    public void supersede() {
        this.current = false;
    }
}
