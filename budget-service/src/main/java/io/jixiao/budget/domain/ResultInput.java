package io.jixiao.budget.domain;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A subject's final (or amended) result of a period, from evaluation-service's events. */
@Entity
@Table(name = "result_input")
@IdClass(ResultInput.Key.class)
public class ResultInput {

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

    @Column(name = "cycle_id", nullable = false)
    public UUID cycleId;

    public String grade;

    public BigDecimal composite;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;
}
