package io.jixiao.indicator.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.indicator.domain.ScorecardConfig;

/**
 * A scorecard's configuration, in one transaction: the configuration itself ({@link ScorecardService}), the subject's
 * values rescored under its targets and thresholds ({@link ValueService}), and the scorecard recomputed and published.
 * A target set after the values were reported scores them, not only the values reported afterwards.
 */
@ApplicationScoped
public class ScorecardConfigurator {

    private final ScorecardService scorecards;
    private final ValueService values;

    public ScorecardConfigurator(ScorecardService scorecards, ValueService values) {
        this.scorecards = scorecards;
        this.values = values;
    }

    @Transactional
    public ScorecardService.Configured configure(String subject, String period, Long expectedRevision,
            ScorecardService.Configuration c, String by) {
        ScorecardConfig cfg = scorecards.applyConfiguration(subject, period, expectedRevision, c);
        values.rescoreUnderConfiguration(subject, period, scorecards.applicable(subject, period), by);
        ScorecardService.Computed computed = scorecards.recompute(subject, period);
        return new ScorecardService.Configured(computed, scorecards.revisionOf(cfg));
    }
}
