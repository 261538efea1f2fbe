package io.jixiao.budget.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "jixiao.budget")
public interface BudgetConfig {

    /** The topic this service publishes to. */
    @WithDefault("jixiao.budget.events")
    String topic();

    /** When the daily monitoring run happens (read by the scheduler). */
    @WithDefault("0 0 6 * * ?")
    String monitoringCron();
}
