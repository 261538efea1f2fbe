package io.jixiao.budget.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "jixiao.budget")
public interface BudgetConfig {

    /** The topic this service publishes to. */
    @WithDefault("jixiao.budget.events")
    String topic();
}
