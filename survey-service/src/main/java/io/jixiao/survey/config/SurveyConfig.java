package io.jixiao.survey.config;

import jakarta.validation.constraints.Size;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "jixiao.survey")
public interface SurveyConfig {

    /** The topic this service publishes to. */
    @WithDefault("jixiao.survey.events")
    String topic();

    /**
     * Salt of the device fingerprint hash (raw IPs are never stored): a secret of the deployment, without a default
     * outside development, and long enough that the addresses cannot be recovered by trying salts too.
     */
    @Size(min = 16, message = "must be a secret of at least 16 characters (FINGERPRINT_SALT, e.g. openssl rand -hex 16)")
    String fingerprintSalt();

    /**
     * How long after a survey closes its responses stay linked to their devices' fingerprints (for admins judging
     * held responses); then the fingerprints are replaced by pseudonyms that only tell the survey's devices apart.
     */
    @WithDefault("P30D")
    java.time.Duration deviceRetention();

    /** How often the indices of subject-periods with new responses are recomputed (read by the scheduler). */
    @WithDefault("1s")
    java.time.Duration recomputeInterval();

    /**
     * When to look whether last month's 好差评 metrics are due and not yet published (read by the scheduler; a Quartz
     * cron expression in China time, or {@code off}).
     */
    @WithDefault("0 7 * * * ?")
    String reviewMetricsCron();

    Throttle throttle();

    /** Anonymous submissions per device (salted fingerprint). Invitation tokens are not throttled. */
    interface Throttle {
        /** Public-link responses one device may give to one survey within {@link #window()}; more are refused (429). */
        @WithDefault("5")
        int perDevice();

        @WithDefault("1h")
        java.time.Duration window();

        /** Responses from one device within {@link #burstWindow()} after which a response is held as BURST. */
        @WithDefault("3")
        int burstSize();

        @WithDefault("60s")
        java.time.Duration burstWindow();
    }
}
