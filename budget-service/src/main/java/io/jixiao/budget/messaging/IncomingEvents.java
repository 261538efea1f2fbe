package io.jixiao.budget.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.jixiao.budget.messaging.BudgetEvents.ResultFinalized;
import io.jixiao.budget.messaging.BudgetEvents.ScorecardComputed;
import io.jixiao.budget.messaging.BudgetEvents.SubjectRegistered;
import io.jixiao.budget.messaging.BudgetEvents.ValueRecorded;
import io.jixiao.budget.service.LinkageService;
import io.jixiao.budget.service.MonitoringService;
import io.jixiao.kit.inbox.EventRoutes;
import io.jixiao.kit.inbox.IdempotentConsumer;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** Subjects, POLITICAL and indicator scores from indicator-service; final results from evaluation-service. */
@ApplicationScoped
@Startup // registers its routes for redrives before the first record arrives
public class IncomingEvents {

    private final IdempotentConsumer consumer;
    private final EventRoutes indicator;
    private final EventRoutes evaluation;

    public IncomingEvents(IdempotentConsumer consumer, LinkageService linkage, MonitoringService monitoring) {
        this.consumer = consumer;
        this.indicator = consumer.register("indicator-events", new EventRoutes()
                .on(BudgetEvents.SUBJECT_REGISTERED, SubjectRegistered.class, linkage::subject)
                .on(BudgetEvents.SUBJECT_CHANGED, SubjectRegistered.class, linkage::subject)
                .on(BudgetEvents.SCORECARD_COMPUTED, ScorecardComputed.class, linkage::scorecard)
                .on(BudgetEvents.VALUE_RECORDED, ValueRecorded.class, monitoring::score));
        this.evaluation = consumer.register("evaluation-events", new EventRoutes()
                .on(BudgetEvents.RESULT_FINALIZED, ResultFinalized.class, linkage::result)
                .on(BudgetEvents.RESULT_AMENDED, ResultFinalized.class, linkage::result));
    }

    @Incoming("indicator-events")
    @Blocking
    public void onIndicatorEvents(ConsumerRecords<String, String> records) {
        consumer.handleBatch("indicator-events", records, indicator);
    }

    @Incoming("evaluation-events")
    @Blocking
    public void onEvaluationEvents(ConsumerRecords<String, String> records) {
        consumer.handleBatch("evaluation-events", records, evaluation);
    }
}
