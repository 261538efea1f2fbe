package io.jixiao.indicator.messaging;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** This service's copies of the payloads it consumes (samples in {@code docs/events/}). */
public final class ConsumedEvents {

    public static final String SERVICE_METRICS_COMPUTED = "jixiao.survey.service-metrics.computed.v1";

    private ConsumedEvents() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ServiceMetricsComputed(String subject, String period, BigDecimal responseRate,
            BigDecimal rectificationRate, BigDecimal onTimeRate, @Schema(nullable = true) BigDecimal goodRate) {
    }
}
