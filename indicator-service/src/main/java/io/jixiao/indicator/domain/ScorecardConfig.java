package io.jixiao.indicator.domain;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.jixiao.indicator.domain.scoring.Dimension;

/** A subject's scorecard settings for a period: dimension weights (sum 100) and light thresholds. */
@Entity
@Table(name = "scorecard_config")
public class ScorecardConfig {

    @EmbeddedId
    public SubjectPeriod id;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "dimension_weights", nullable = false)
    public Map<Dimension, BigDecimal> dimensionWeights;

    @Column(name = "green_threshold", nullable = false)
    public BigDecimal greenThreshold;

    @Column(name = "yellow_threshold", nullable = false)
    public BigDecimal yellowThreshold;

    @Version
    public long version;
}
