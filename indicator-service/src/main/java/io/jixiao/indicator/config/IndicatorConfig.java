package io.jixiao.indicator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "jixiao.indicator")
public interface IndicatorConfig {

    /** The topic this service publishes to. */
    @WithDefault("jixiao.indicator.events")
    String topic();

    /** Value file imports: how often a worker looks for accepted files nobody is running, and how long one may run. */
    Imports imports();

    interface Imports {
        @WithDefault("5s")
        java.time.Duration poll();

        @WithDefault("30m")
        java.time.Duration timeout();
    }
}
