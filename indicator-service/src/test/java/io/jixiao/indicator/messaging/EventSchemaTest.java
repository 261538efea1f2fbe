package io.jixiao.indicator.messaging;

import java.util.List;

import org.junit.jupiter.params.provider.Arguments;

import io.jixiao.testsupport.EventSchemaContract;

/** The schemas and samples in {@code docs/events/} of the events this service publishes. */
class EventSchemaTest extends EventSchemaContract {

    @Override
    protected List<Arguments> published() {
        return List.of(Arguments.of(IndicatorEvents.SUBJECT_REGISTERED, IndicatorEvents.SubjectRegistered.class),
                Arguments.of(IndicatorEvents.SUBJECT_CHANGED, IndicatorEvents.SubjectRegistered.class),
                Arguments.of(IndicatorEvents.VALUE_RECORDED, IndicatorEvents.ValueRecorded.class),
                Arguments.of(IndicatorEvents.SCORECARD_COMPUTED, IndicatorEvents.ScorecardComputed.class));
    }
}
