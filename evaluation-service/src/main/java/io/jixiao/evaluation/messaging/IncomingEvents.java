package io.jixiao.evaluation.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.jixiao.evaluation.messaging.ConsumedEvents.SatisfactionComputed;
import io.jixiao.evaluation.messaging.ConsumedEvents.ScorecardComputed;
import io.jixiao.evaluation.messaging.ConsumedEvents.SubjectRegistered;
import io.jixiao.evaluation.service.InputService;
import io.jixiao.kit.inbox.EventRoutes;
import io.jixiao.kit.inbox.IdempotentConsumer;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** Subject and scorecard facts from indicator-service, satisfaction indices from survey-service. */
@ApplicationScoped
@Startup // registers its routes for redrives before the first record arrives
public class IncomingEvents {

    private final IdempotentConsumer consumer;
    private final EventRoutes indicator;
    private final EventRoutes survey;

    public IncomingEvents(IdempotentConsumer consumer, InputService inputs) {
        this.consumer = consumer;
        this.indicator = consumer.register("indicator-events", new EventRoutes()
                .on(ConsumedEvents.SUBJECT_REGISTERED, SubjectRegistered.class, inputs::subject)
                .on(ConsumedEvents.SUBJECT_CHANGED, SubjectRegistered.class, inputs::subject)
                .on(ConsumedEvents.SCORECARD_COMPUTED, ScorecardComputed.class, inputs::scorecard));
        this.survey = consumer.register("survey-events", new EventRoutes()
                .on(ConsumedEvents.SATISFACTION_COMPUTED, SatisfactionComputed.class, inputs::satisfaction));
    }

    @Incoming("indicator-events")
    @Blocking
    public void onIndicatorEvents(ConsumerRecords<String, String> records) {
        consumer.handleBatch("indicator-events", records, indicator);
    }

    @Incoming("survey-events")
    @Blocking
    public void onSurveyEvents(ConsumerRecords<String, String> records) {
        consumer.handleBatch("survey-events", records, survey);
    }
}
