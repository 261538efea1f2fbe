package io.jixiao.gateway.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;

/** The gateway's copy of the kit's filter of the same name (the gateway does not use the kit): see there why. */
public class NettyWorkersGauge {

    @Produces
    @Singleton
    public MeterFilter dropNettyWorkers() {
        return MeterFilter.deny(id -> "netty.eventexecutor.workers".equals(id.getName()));
    }
}
