package io.jixiao.indicator.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.jixiao.indicator.domain.scoring.Dimension;
import io.jixiao.indicator.domain.scoring.IndicatorKind;
import io.jixiao.indicator.domain.scoring.IndicatorSpec;
import io.jixiao.indicator.domain.scoring.Polarity;

/** An indicator definition: common to every subject, or specific to the listed ones. */
@Entity
@Table(name = "indicator")
public class Indicator {

    public enum Frequency {
        MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY
    }

    @Id
    public String code;

    @Column(name = "name_zh", nullable = false)
    public String nameZh;

    @Column(name = "name_en")
    public String nameEn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Dimension dimension;

    public String objective;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IndicatorKind kind;

    public String unit;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Polarity polarity;

    public BigDecimal baseline;
    public BigDecimal target;
    public BigDecimal floor;

    @Column(name = "range_lo")
    public BigDecimal rangeLo;

    @Column(name = "range_hi")
    public BigDecimal rangeHi;

    public BigDecimal tolerance;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, BigDecimal> rubric;

    @Column(nullable = false)
    public boolean gate;

    @Column(nullable = false)
    public BigDecimal weight;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Frequency frequency;

    @Column(name = "data_source")
    public String dataSource;

    /** Empty or null: common to all subjects. Otherwise the subject codes it applies to. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> subjects;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt = OffsetDateTime.now();

    @jakarta.persistence.Transient
    private java.util.Set<String> subjectSet;

    public boolean appliesTo(String subjectCode) {
        if (subjects == null || subjects.isEmpty()) {
            return true;
        }
        if (subjectSet == null || subjectSet.size() != subjects.size()) {
            subjectSet = new java.util.HashSet<>(subjects);
        }
        return subjectSet.contains(subjectCode);
    }

    /** The scorer's view of this indicator, with a subject's target when it has its own. */
    public IndicatorSpec spec(BigDecimal targetOverride) {
        return new IndicatorSpec(code, dimension, kind, polarity, targetOverride != null ? targetOverride : target,
                floor, rangeLo, rangeHi, tolerance, rubric == null ? Map.of() : rubric, gate);
    }
}
