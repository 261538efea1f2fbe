package io.jixiao.gateway.messaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.gateway.messaging.LiveEvents.LiveEvent;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

class LiveEventsTest {

    /**
     * A portal keeps its stream open for hours: without an end, a gateway told to stop waited its whole graceful
     * shutdown timeout for it (20 s, and an ERROR in its log) on every rolling update and every ./jixiao stop.
     */
    @Test
    void theOpenStreamsEndWhenTheGatewayIsToldToStopAndOneOpenedAfterEndsAtOnce() {
        LiveEvents live = new LiveEvents(new ObjectMapper());
        AssertSubscriber<LiveEvent> open = live.stream(null, Duration.ofMillis(20)).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        AssertSubscriber<LiveEvent> closedByItsPortal = live.stream("FIN", Duration.ofMillis(20)).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        open.awaitItems(2);
        // a portal that goes away ends its own stream only
        closedByItsPortal.cancel();
        int before = open.getItems().size();
        open.awaitItems(before + 2);
        open.assertNotTerminated();

        live.closing(new ShutdownDelayInitiatedEvent());
        open.awaitCompletion(Duration.ofSeconds(5));
        assertTrue(open.getItems().stream().allMatch(e -> e.kind().equals("heartbeat")), "only heartbeats were sent");

        AssertSubscriber<LiveEvent> late = live.stream(null, Duration.ofMillis(20)).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        late.awaitCompletion(Duration.ofSeconds(5));
        // at most the heartbeat that may come as it opens
        assertTrue(late.getItems().size() <= 1 && late.getItems().stream().allMatch(e -> e.kind().equals("heartbeat")),
                late.getItems().toString());
    }
}
