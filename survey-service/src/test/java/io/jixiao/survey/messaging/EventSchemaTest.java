package io.jixiao.survey.messaging;

import java.util.List;

import org.junit.jupiter.params.provider.Arguments;

import io.jixiao.testsupport.EventSchemaContract;

/** The schemas and samples in {@code docs/events/} of the events this service publishes. */
class EventSchemaTest extends EventSchemaContract {

    @Override
    protected List<Arguments> published() {
        return List.of(Arguments.of(SurveyEvents.SATISFACTION_COMPUTED, SurveyEvents.SatisfactionComputed.class),
                Arguments.of(SurveyEvents.SERVICE_METRICS_COMPUTED, SurveyEvents.ServiceMetricsComputed.class));
    }
}
