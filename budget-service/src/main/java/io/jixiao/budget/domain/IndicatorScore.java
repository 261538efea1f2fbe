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

/** The latest score of an indicator for a subject and period, from indicator-service's value events. */
@Entity
@Table(name = "indicator_score")
@IdClass(IndicatorScore.Key.class)
public class IndicatorScore {

    public record Key(String subjectCode, String indicatorCode, String period) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }

    @Id
    @Column(name = "subject_code")
    public String subjectCode;

    @Id
    @Column(name = "indicator_code")
    public String indicatorCode;

    @Id
    public String period;

    @Column(nullable = false)
    public BigDecimal score;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;
}
