package io.jixiao.evaluation.domain;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The latest scorecard of a subject and period, from indicator-service's events, with the event id as provenance. */
@Entity
@Table(name = "scorecard_input")
@IdClass(ScorecardInput.Key.class)
public class ScorecardInput {

    public record Key(String subjectCode, String period) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "subject_code")
    public String subjectCode;

    @Id
    public String period;

    public BigDecimal total;
    public BigDecimal financial;
    public BigDecimal political;
    public String grade;

    @Column(name = "gate_status", nullable = false)
    public String gateStatus;

    @Column(name = "computed_at", nullable = false)
    public OffsetDateTime computedAt;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    public boolean gateFailed() {
        return "FAILED".equals(gateStatus);
    }
}
