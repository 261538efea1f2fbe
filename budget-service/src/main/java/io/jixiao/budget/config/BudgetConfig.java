package io.jixiao.budget.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "jixiao.budget")
public interface BudgetConfig {

    /** The topic this service publishes to. */
    @WithDefault("jixiao.budget.events")
    String topic();

    /**
     * When to look whether today's monitoring run is due (from 06:00, China time) and not yet done (read by the
     * scheduler; a Quartz cron expression in China time, or {@code off}).
     */
    @WithDefault("0 5 * * * ?")
    String monitoringCron();
}
