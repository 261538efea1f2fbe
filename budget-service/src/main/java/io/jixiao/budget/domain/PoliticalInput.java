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

/** A subject's POLITICAL dimension score of a period, from indicator-service's scorecard events. */
@Entity
@Table(name = "political_input")
@IdClass(PoliticalInput.Key.class)
public class PoliticalInput {

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

    public BigDecimal political;

    @Column(name = "computed_at", nullable = false)
    public OffsetDateTime computedAt;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;
}
