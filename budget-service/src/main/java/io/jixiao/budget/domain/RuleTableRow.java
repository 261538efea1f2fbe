package io.jixiao.budget.domain;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.jixiao.budget.domain.monitoring.Thresholds;
import io.jixiao.budget.domain.rules.Grade;
import io.jixiao.budget.domain.rules.RuleTable;

/** A stored, versioned rule table of a fiscal year (0: the default for years without their own). */
@Entity
@Table(name = "rule_table")
@IdClass(RuleTableRow.Key.class)
public class RuleTableRow {

    public record Key(int fiscalYear, int version) implements Serializable {
        public Key() {
            this(0, 0);
        }
    }

    /** The rules as stored in JSON. */
    public record Rules(Map<Grade, BigDecimal> gradeAdjustment, BigDecimal excellentCeiling, int cancelAfterFailYears,
            BigDecimal politicalThreshold, BigDecimal politicalPenalty, BigDecimal livelihoodMaxCut,
            List<RuleTable.Band> bands, @Schema(nullable = true) Monitoring monitoring) {
        public Rules {
            bands = bands == null ? List.of() : bands; // the seeded standard table has none stored
        }
    }

    /** The year's dual-monitoring thresholds; absent: the standard ones. */
    public record Monitoring(BigDecimal redPace, BigDecimal yellowPace, BigDecimal redGoal, BigDecimal yellowGoal) {
        public Thresholds toThresholds() {
            return new Thresholds(redPace, yellowPace, redGoal, yellowGoal, Thresholds.standard().minElapsed());
        }
    }

    @Id
    @Column(name = "fiscal_year")
    public int fiscalYear;

    @Id
    public int version;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Rules rules;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public RuleTable toTable(int year) {
        return new RuleTable(year, version, rules.gradeAdjustment(), rules.excellentCeiling(),
                rules.cancelAfterFailYears(), rules.politicalThreshold(), rules.politicalPenalty(),
                rules.livelihoodMaxCut(), rules.bands());
    }

    public Thresholds thresholds() {
        return rules.monitoring() == null ? Thresholds.standard() : rules.monitoring().toThresholds();
    }
}
