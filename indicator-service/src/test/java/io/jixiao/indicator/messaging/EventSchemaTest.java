package io.jixiao.indicator.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.jixiao.testsupport.EventSchemas;

/**
 * The JSON Schema in {@code docs/events/} of each event this service publishes is the one its payload record gives,
 * and the sample fits it. {@code -Djixiao.events.update=true} rewrites a schema after a change to its record.
 */
class EventSchemaTest {

    static List<Arguments> published() {
        return List.of(Arguments.of(IndicatorEvents.SUBJECT_REGISTERED, IndicatorEvents.SubjectRegistered.class),
                Arguments.of(IndicatorEvents.VALUE_RECORDED, IndicatorEvents.ValueRecorded.class),
                Arguments.of(IndicatorEvents.SCORECARD_COMPUTED, IndicatorEvents.ScorecardComputed.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("published")
    void theSchemaIsThePayloadsAndTheSampleFitsIt(String type, Class<?> payload) {
        assertEquals(List.of(), EventSchemas.check(type, payload));
    }
}
