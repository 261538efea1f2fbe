package io.jixiao.gateway.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/** budget-service as the portal sees it: each call a panel, degraded rather than failed. */
@ApplicationScoped
@AsynchronousNonBlocking
@Timeout(value = 3, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
public class BudgetClient {

    /** The rows of each warning list the portal shows. */
    static final int WARNINGS_HEAD = 50;

    private final BudgetRestClient rest;

    public BudgetClient(@RestClient BudgetRestClient rest) {
        this.rest = rest;
    }

    @Fallback(UnavailablePanel.class)
    public Uni<Panel> department(String code, int year, Caller c) {
        return Panel.of(rest.department(code, year, c.authorization(), c.requestId()));
    }

    /**
     * The year's warnings as the portal shows them: the first {@value #WARNINGS_HEAD} red projects and open disposal
     * tasks, each page with how many there are in all.
     */
    @Fallback(UnavailablePanel.class)
    public Uni<Panel> warnings(int year, Caller c) {
        return Panel.of(rest.warnings(year, WARNINGS_HEAD, c.authorization(), c.requestId()));
    }
}
