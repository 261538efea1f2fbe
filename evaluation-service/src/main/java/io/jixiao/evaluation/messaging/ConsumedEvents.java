package io.jixiao.evaluation.messaging;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * This service's own copies of the payloads it consumes (no shared library): only the fields it reads, unknown ones
 * ignored, so producers may add fields without breaking it. Checked against {@code docs/events/} samples in tests.
 */
public final class ConsumedEvents {

    public static final String SUBJECT_REGISTERED = "jixiao.indicator.subject.registered.v1";
    public static final String SUBJECT_CHANGED = "jixiao.indicator.subject.changed.v1";
    public static final String SCORECARD_COMPUTED = "jixiao.indicator.scorecard.computed.v1";
    public static final String SATISFACTION_COMPUTED = "jixiao.survey.satisfaction.computed.v1";

    private ConsumedEvents() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SubjectRegistered(String code, String nameZh, @Schema(nullable = true) String parentCode,
            @Schema(nullable = true) LocalDate activeFrom, @Schema(nullable = true) LocalDate activeTo) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Gate(String status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ScorecardComputed(String subject, String period, @Schema(nullable = true) BigDecimal total,
            @Schema(nullable = true) String grade,
            Map<String, BigDecimal> dimensions, Gate gate, OffsetDateTime computedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SatisfactionComputed(String subject, String period, @Schema(nullable = true) BigDecimal index, int n,
            List<String> flags,
            OffsetDateTime computedAt) {
    }
}
