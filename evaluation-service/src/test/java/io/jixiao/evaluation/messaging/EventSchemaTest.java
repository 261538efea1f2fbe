package io.jixiao.evaluation.messaging;

import java.util.List;

import org.junit.jupiter.params.provider.Arguments;

import io.jixiao.testsupport.EventSchemaContract;

/** The schemas and samples in {@code docs/events/} of the events this service publishes. */
class EventSchemaTest extends EventSchemaContract {

    @Override
    protected List<Arguments> published() {
        return List.of(Arguments.of(EvaluationEvents.RATING_SUBMITTED, EvaluationEvents.RatingSubmitted.class),
                Arguments.of(EvaluationEvents.RESULT_FINALIZED, EvaluationEvents.ResultFinalized.class),
                Arguments.of(EvaluationEvents.RESULT_AMENDED, EvaluationEvents.ResultAmended.class));
    }
}
