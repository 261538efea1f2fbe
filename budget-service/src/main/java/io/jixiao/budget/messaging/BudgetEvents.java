package io.jixiao.budget.messaging;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Payloads this service publishes, and its own copies of those it consumes. Samples in {@code docs/events/}. */
public final class BudgetEvents {

    public static final String ADJUSTMENT_PROPOSED = "jixiao.budget.adjustment.proposed.v1";
    public static final String WARNING_RAISED = "jixiao.budget.warning.raised.v1";
    public static final String VALUE_RECORDED = "jixiao.indicator.value.recorded.v1";
    public static final String SUBJECT_REGISTERED = "jixiao.indicator.subject.registered.v1";
    public static final String SUBJECT_CHANGED = "jixiao.indicator.subject.changed.v1";
    public static final String SCORECARD_COMPUTED = "jixiao.indicator.scorecard.computed.v1";
    public static final String RESULT_FINALIZED = "jixiao.evaluation.result.finalized.v1";
    public static final String RESULT_AMENDED = "jixiao.evaluation.result.amended.v1";

    private BudgetEvents() {
    }

    public record AdjustmentProposed(UUID project, String subject, int year, int basedOnYear, String category,
            BigDecimal current, BigDecimal proposed, BigDecimal ceiling, BigDecimal adjustmentPercent, String action,
            String rule,
            int ruleTableVersion, List<String> explanation) {
    }

    public record WarningRaised(UUID project, String subject, int year, String light,
            @Schema(nullable = true) BigDecimal pace,
            @Schema(nullable = true) BigDecimal goalScore, BigDecimal executionRate, BigDecimal timeProgress,
            String reason, UUID disposalTask) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ValueRecorded(String subject, String indicator, String period, BigDecimal score) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SubjectRegistered(String code, String nameZh, @Schema(nullable = true) String parentCode,
            @Schema(nullable = true) LocalDate activeFrom, @Schema(nullable = true) LocalDate activeTo) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ScorecardComputed(String subject, String period, Map<String, BigDecimal> dimensions,
            OffsetDateTime computedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ResultFinalized(UUID cycle, String period, String subject,
            @Schema(nullable = true) BigDecimal composite, @Schema(nullable = true) String grade) {
    }
}
