package io.jixiao.survey.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.jixiao.kit.inbox.EventRoutes;
import io.jixiao.kit.inbox.IdempotentConsumer;
import io.jixiao.survey.messaging.SurveyEvents.SubjectRegistered;
import io.jixiao.survey.service.SubjectCopyService;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** Subject facts from indicator-service. */
@ApplicationScoped
@Startup // registers its routes for redrives before the first record arrives
public class IncomingEvents {

    private final IdempotentConsumer consumer;
    private final EventRoutes routes;

    public IncomingEvents(IdempotentConsumer consumer, SubjectCopyService subjects) {
        this.consumer = consumer;
        this.routes = consumer.register("indicator-events",
                new EventRoutes().on(SurveyEvents.SUBJECT_REGISTERED, SubjectRegistered.class, subjects::apply)
                        .on(SurveyEvents.SUBJECT_CHANGED, SubjectRegistered.class, subjects::apply));
    }

    @Incoming("indicator-events")
    @Blocking
    public void onIndicatorEvents(ConsumerRecords<String, String> records) {
        consumer.handleBatch("indicator-events", records, routes);
    }
}
