package io.jixiao.indicator.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.messaging.ConsumedEvents.ServiceMetricsComputed;
import io.jixiao.indicator.repository.IndicatorRepository;
import io.jixiao.kit.inbox.EventEnvelope;

/**
 * Turns survey-service's monthly 好差评 metrics into indicator values: each MONTHLY indicator whose data source names one
 * of the metrics gets that metric as its value for the month, for every subject it applies to.
 */
@ApplicationScoped
public class ServiceMetricsService {

    /** Data-source names an indicator uses to take a metric (DESIGN section 5: PUBLIC-dimension values). */
    public static final Map<String, String> SOURCES = Map.of("survey:bad-review-response-rate", "responseRate",
            "survey:rectification-rate", "rectificationRate", "survey:on-time-rate", "onTimeRate",
            "survey:good-review-rate", "goodRate");

    private final IndicatorRepository indicators;
    private final ValueService values;

    public ServiceMetricsService(IndicatorRepository indicators, ValueService values) {
        this.indicators = indicators;
        this.values = values;
    }

    @Transactional
    public void record(EventEnvelope env, ServiceMetricsComputed m) {
        List<Indicator> fed = indicators.list("dataSource in ?1 and frequency = ?2", List.copyOf(SOURCES.keySet()),
                Indicator.Frequency.MONTHLY);
        for (Indicator ind : fed) {
            if (!ind.appliesTo(m.subject())) {
                continue;
            }
            BigDecimal v = switch (SOURCES.get(ind.dataSource)) {
                case "responseRate" -> m.responseRate();
                case "rectificationRate" -> m.rectificationRate();
                case "onTimeRate" -> m.onTimeRate();
                default -> m.goodRate();
            };
            if (v == null) {
                continue;
            }
            values.recordFromEvent(new ValueService.Report(m.subject(), ind.code, m.period(), v, null,
                    "survey-service", null, "recomputed by survey-service (event " + env.id() + ")"),
                    "survey-service");
        }
    }
}
