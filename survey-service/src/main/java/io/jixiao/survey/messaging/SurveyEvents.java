package io.jixiao.survey.messaging;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Payloads this service publishes, and its copies of those it consumes. Samples in {@code docs/events/}. */
public final class SurveyEvents {

    public static final String SATISFACTION_COMPUTED = "jixiao.survey.satisfaction.computed.v1";
    public static final String SERVICE_METRICS_COMPUTED = "jixiao.survey.service-metrics.computed.v1";
    public static final String SUBJECT_REGISTERED = "jixiao.indicator.subject.registered.v1";
    public static final String SUBJECT_CHANGED = "jixiao.indicator.subject.changed.v1";

    private SurveyEvents() {
    }

    public record GroupIndex(String group, BigDecimal weight, BigDecimal effectiveWeight,
            @Schema(nullable = true) BigDecimal index, long n,
            @Schema(nullable = true) BigDecimal standardDeviation) {
    }

    public record SatisfactionComputed(String subject, String period, @Schema(nullable = true) BigDecimal index, long n,
            @Schema(nullable = true) BigDecimal standardError, @Schema(nullable = true) BigDecimal lower95,
            @Schema(nullable = true) BigDecimal upper95, List<GroupIndex> groups,
            List<String> flags, OffsetDateTime computedAt) {
    }

    /** A subject's 好差评 figures for a month; rates in percent (the three bad-review rates are 100 without any). */
    public record ServiceMetricsComputed(String subject, String period, long reviews, long goodReviews,
            long badReviews, long answered, long answeredOnTime, long closed, BigDecimal responseRate,
            BigDecimal rectificationRate, BigDecimal onTimeRate, @Schema(nullable = true) BigDecimal goodRate,
            OffsetDateTime computedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SubjectRegistered(String code, String nameZh, @Schema(nullable = true) String parentCode,
            @Schema(nullable = true) LocalDate activeFrom, @Schema(nullable = true) LocalDate activeTo) {
    }
}
