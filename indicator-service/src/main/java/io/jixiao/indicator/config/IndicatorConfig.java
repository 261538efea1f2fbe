package io.jixiao.indicator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "jixiao.indicator")
public interface IndicatorConfig {

    /** The topic this service publishes to. */
    @WithDefault("jixiao.indicator.events")
    String topic();
}
