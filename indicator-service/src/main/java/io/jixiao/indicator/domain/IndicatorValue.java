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

import io.jixiao.indicator.domain.scoring.Light;

/** A reported value of an indicator for a subject and period. Corrections supersede it; history is kept. */
@Entity
@Table(name = "indicator_value")
public class IndicatorValue {

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

    /** Marks this value as replaced by a correction; it stays in the history. */
    public void supersede() {
        this.current = false;
    }
}
