package io.jixiao.evaluation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "jixiao.evaluation")
public interface EvaluationConfig {

    /** The topic this service publishes to. */
    @WithDefault("jixiao.evaluation.events")
    String topic();
}
