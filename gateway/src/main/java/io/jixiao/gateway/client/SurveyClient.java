package io.jixiao.gateway.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/** survey-service as the portal sees it: each call a panel, degraded rather than failed. */
@ApplicationScoped
@AsynchronousNonBlocking
@Timeout(value = 3, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
public class SurveyClient {

    private final SurveyRestClient rest;

    public SurveyClient(@RestClient SurveyRestClient rest) {
        this.rest = rest;
    }

    @Fallback(UnavailablePanel.class)
    public Uni<Panel> satisfaction(String code, String period, Caller c) {
        return Panel.of(rest.satisfaction(code, period, c.authorization(), c.requestId()));
    }

    /** A subject's surveys of a period, with their public pages (the first 20). */
    @Fallback(UnavailablePanel.class)
    public Uni<Panel> surveys(String subject, String period, Caller c) {
        return Panel.of(rest.surveys(subject, period, 20, c.authorization(), c.requestId()));
    }

    /** Rectification cases of one subject, or of all subjects the caller may see when {@code subject} is null. */
    @Fallback(UnavailablePanel.class)
    public Uni<Panel> rectifications(String subject, boolean overdue, Caller c) {
        return Panel.of(rest.rectifications(subject, overdue, 50, c.authorization(), c.requestId()));
    }
}
