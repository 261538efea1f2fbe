package io.jixiao.indicator.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The last computed scorecard of a subject and period, kept to tell whether a recompute changed anything. */
@Entity
@Table(name = "scorecard_result")
public class ScorecardSnapshot {

    @EmbeddedId
    public SubjectPeriod id;

    public BigDecimal total;

    public String grade;

    @Column(name = "gate_status", nullable = false)
    public String gateStatus;

    /** The dimension scores, gate and completeness as published. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String detail;

    @Column(name = "computed_at", nullable = false)
    public OffsetDateTime computedAt;

    @Version
    public long version;
}
