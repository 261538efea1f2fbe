package io.jixiao.survey.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "jixiao.survey")
public interface SurveyConfig {

    /** The topic this service publishes to. */
    @WithDefault("jixiao.survey.events")
    String topic();

    /** Salt of the device fingerprint hash (raw IPs are never stored). Set it per deployment. */
    String fingerprintSalt();

    /** How often the indices of subject-periods with new responses are recomputed (read by the scheduler). */
    @WithDefault("1s")
    java.time.Duration recomputeInterval();
}
