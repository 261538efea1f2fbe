package io.jixiao.webkit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Drops Micrometer's {@code netty.eventexecutor.workers}: the Netty binder registers it once per event-loop group
 * (Vert.x's event loops, then its acceptor) without a tag to tell them apart, so the second registration was refused
 * with a warning at every start and the gauge showed whichever group came first. The worker count is configuration,
 * not a measurement; {@code netty.eventexecutor.tasks.pending} per loop stays.
 */
public class NettyWorkersGauge {

    public static final String NAME = "netty.eventexecutor.workers";

    @Produces
    @Singleton
    public MeterFilter dropNettyWorkers() {
        return MeterFilter.deny(id -> NAME.equals(id.getName()));
    }
}
