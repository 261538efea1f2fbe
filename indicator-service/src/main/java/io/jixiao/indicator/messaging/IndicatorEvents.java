package io.jixiao.indicator.messaging;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The payloads this service publishes (DESIGN section 7). Consumers keep their own copies; samples are in
 * {@code docs/events/}. A breaking change bumps the version suffix of the type.
 */
public final class IndicatorEvents {

    public static final String SUBJECT_REGISTERED = "jixiao.indicator.subject.registered.v1";
    public static final String SUBJECT_CHANGED = "jixiao.indicator.subject.changed.v1";
    public static final String VALUE_RECORDED = "jixiao.indicator.value.recorded.v1";
    public static final String SCORECARD_COMPUTED = "jixiao.indicator.scorecard.computed.v1";

    private IndicatorEvents() {
    }

    public record SubjectRegistered(String code, String nameZh, @Schema(nullable = true) String nameEn,
            @Schema(nullable = true) String parentCode, String level,
            @Schema(nullable = true) LocalDate activeFrom, @Schema(nullable = true) LocalDate activeTo) {
    }

    public record ValueRecorded(String subject, String indicator, String period,
            @Schema(nullable = true) BigDecimal value,
            @Schema(nullable = true) String level,
            BigDecimal score, String light, List<String> flags, boolean correction) {
    }

    public record Gate(String status, List<String> failed) {
    }

    public record Completeness(int expected, int reported, int missing, int notApplicable) {
    }

    public record ScorecardComputed(String subject, String period, @Schema(nullable = true) BigDecimal total,
            @Schema(nullable = true) String grade,
            @Schema(nullable = true) String uncappedGrade, Map<String, BigDecimal> dimensions,
            List<String> excludedDimensions, Gate gate,
            Completeness completeness, OffsetDateTime computedAt) {
    }
}
