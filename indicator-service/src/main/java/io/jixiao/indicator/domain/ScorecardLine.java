package io.jixiao.indicator.domain;

import java.io.Serializable;
import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A per-subject, per-period override of an indicator: its own weight or target, or "not applicable". */
@Entity
@Table(name = "scorecard_line")
@IdClass(ScorecardLine.Key.class)
public class ScorecardLine {

    public record Key(String subjectCode, String period, String indicatorCode) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }

    @Id
    @Column(name = "subject_code")
    public String subjectCode;

    @Id
    public String period;

    @Id
    @Column(name = "indicator_code")
    public String indicatorCode;

    public BigDecimal weight;
    public BigDecimal target;

    @Column(name = "not_applicable", nullable = false)
    public boolean notApplicable;
}
