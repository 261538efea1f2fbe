package io.jixiao.indicator.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.jixiao.indicator.messaging.ConsumedEvents.ServiceMetricsComputed;
import io.jixiao.indicator.service.ServiceMetricsService;
import io.jixiao.kit.inbox.EventRoutes;
import io.jixiao.kit.inbox.IdempotentConsumer;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** survey-service's monthly 好差评 metrics, which become indicator values. */
@ApplicationScoped
@Startup // registers its routes for redrives before the first record arrives
public class IncomingEvents {

    private final IdempotentConsumer consumer;
    private final EventRoutes survey;

    public IncomingEvents(IdempotentConsumer consumer, ServiceMetricsService metrics) {
        this.consumer = consumer;
        this.survey = consumer.register("survey-events",
                new EventRoutes().on(ConsumedEvents.SERVICE_METRICS_COMPUTED, ServiceMetricsComputed.class,
                        metrics::record));
    }

    @Incoming("survey-events")
    @Blocking
    public void onSurveyEvents(ConsumerRecords<String, String> records) {
        consumer.handleBatch("survey-events", records, survey);
    }
}
