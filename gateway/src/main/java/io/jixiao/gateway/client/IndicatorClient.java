package io.jixiao.gateway.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/** indicator-service as the portal sees it: each call a panel, degraded rather than failed. */
@ApplicationScoped
@AsynchronousNonBlocking
@Timeout(value = 3, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
public class IndicatorClient {

    private final IndicatorRestClient rest;

    public IndicatorClient(@RestClient IndicatorRestClient rest) {
        this.rest = rest;
    }

    @Fallback(UnavailablePanel.class)
    public Uni<Panel> subjects(Caller c) {
        return Panel.of(rest.subjects(100, c.authorization(), c.requestId()));
    }

    @Fallback(UnavailablePanel.class)
    public Uni<Panel> subject(String code, Caller c) {
        return Panel.of(rest.subject(code, c.authorization(), c.requestId()));
    }

    @Fallback(UnavailablePanel.class)
    public Uni<Panel> scorecard(String code, String period, Caller c) {
        return Panel.of(rest.scorecard(code, period, c.authorization(), c.requestId()));
    }
}
