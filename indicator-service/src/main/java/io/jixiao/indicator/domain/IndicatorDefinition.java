package io.jixiao.indicator.domain;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Transient;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.jixiao.indicator.domain.scoring.Dimension;
import io.jixiao.indicator.domain.scoring.IndicatorKind;
import io.jixiao.indicator.domain.scoring.IndicatorSpec;
import io.jixiao.indicator.domain.scoring.Polarity;

/**
 * What an indicator means and how it is scored (DESIGN section 3): the fields every version of an indicator carries.
 * The indicator row holds its latest version; {@link IndicatorVersion} holds each version with the periods it applies
 * to.
 */
@MappedSuperclass
public abstract class IndicatorDefinition {

    public enum Frequency {
        MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY
    }

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

    /** A satisfaction-type indicator (a percentage): values above 99 are held for review as SUSPICIOUS_HIGH. */
    @Column(nullable = false)
    public boolean satisfaction;

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

    @Transient
    private Set<String> subjectSet;

    /** The indicator's code. */
    public abstract String code();

    public boolean appliesTo(String subjectCode) {
        if (subjects == null || subjects.isEmpty()) {
            return true;
        }
        if (subjectSet == null || subjectSet.size() != subjects.size()) {
            subjectSet = new HashSet<>(subjects);
        }
        return subjectSet.contains(subjectCode);
    }

    /** The scorer's view of this definition, with a subject's target when it has its own. */
    public IndicatorSpec spec(BigDecimal targetOverride) {
        return new IndicatorSpec(code(), dimension, kind, polarity, targetOverride != null ? targetOverride : target,
                floor, rangeLo, rangeHi, tolerance, rubric == null ? Map.of() : rubric, gate);
    }

    /** Copies every definition field of {@code from}. */
    public void copyDefinition(IndicatorDefinition from) {
        nameZh = from.nameZh;
        nameEn = from.nameEn;
        dimension = from.dimension;
        objective = from.objective;
        kind = from.kind;
        unit = from.unit;
        polarity = from.polarity;
        baseline = from.baseline;
        target = from.target;
        floor = from.floor;
        rangeLo = from.rangeLo;
        rangeHi = from.rangeHi;
        tolerance = from.tolerance;
        rubric = from.rubric == null ? null : Map.copyOf(from.rubric);
        gate = from.gate;
        satisfaction = from.satisfaction;
        weight = from.weight;
        frequency = from.frequency;
        dataSource = from.dataSource;
        subjects = from.subjects == null ? null : List.copyOf(from.subjects);
        subjectSet = null;
    }

    /** Measured in percent ({@code %}, or the full-width {@code ％} of Chinese input): a value of 85 is 85%. */
    public boolean measuredInPercent() {
        return unit != null && (unit.strip().equals("%") || unit.strip().equals("％"));
    }
}
