package io.jixiao.indicator.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.jixiao.indicator.domain.scoring.Dimension;

/**
 * One configuration a subject's scorecard had for a period, as it was set: by whom, when, why, and the scorecard's
 * total before and after. Written once per change and never changed.
 */
@Entity
@Table(name = "scorecard_config_revision")
public class ScorecardConfigRevision {

    /** What was set: the dimension weights, the light thresholds and the per-indicator lines. */
    public record Settings(Map<Dimension, BigDecimal> dimensionWeights, BigDecimal greenThreshold,
            BigDecimal yellowThreshold, List<Line> lines) {
    }

    /** An indicator's own weight or target on the scorecard, or its not-applicable mark; answered as it is stored. */
    @Schema(name = "RevisionLine")
    public record Line(String indicator, @Schema(nullable = true) BigDecimal weight,
            @Schema(nullable = true) BigDecimal target, boolean notApplicable) {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "subject_code", nullable = false)
    public String subjectCode;

    @Column(nullable = false)
    public String period;

    /** The scorecard's ETag once this configuration was set: 1 for the first. */
    @Column(nullable = false)
    public long revision;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Settings settings;

    public String reason;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;

    /** The stored total before the change (null when there was none), and the one it computed. */
    @Column(name = "total_before")
    public BigDecimal totalBefore;

    @Column(name = "total_after")
    public BigDecimal totalAfter;
}
