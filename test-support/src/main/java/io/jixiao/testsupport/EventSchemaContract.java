package io.jixiao.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A producer's test that the JSON Schema in {@code docs/events/} of each event it publishes is the one its payload
 * record gives, and that the sample fits it ({@link EventSchemas}). A producer lists its event types and payload records
 * in {@link #published}. {@code -Djixiao.events.update=true} rewrites a schema after a change to its record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EventSchemaContract {

    /** Each event type this service publishes, with its payload record: {@code Arguments.of(type, Record.class)}. */
    protected abstract List<Arguments> published();

    @ParameterizedTest(name = "{0}")
    @MethodSource("published")
    public void theSchemaIsThePayloadsAndTheSampleFitsIt(String type, Class<?> payload) {
        assertEquals(List.of(), EventSchemas.check(type, payload));
    }
}
