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

/** The latest satisfaction index of a subject and period, from survey-service's events. */
@Entity
@Table(name = "satisfaction_input")
@IdClass(SatisfactionInput.Key.class)
public class SatisfactionInput {

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

    @Column(name = "satisfaction", nullable = false)
    public BigDecimal index;

    @Column(name = "sample_size", nullable = false)
    public int sampleSize;

    /** SUSPICIOUS_HIGH: held for review, the PUBLIC party counts as missing. */
    @Column(nullable = false)
    public boolean held;

    @Column(name = "computed_at", nullable = false)
    public OffsetDateTime computedAt;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;
}
