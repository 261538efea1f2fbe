package io.jixiao.indicator.service;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.indicator.domain.ScorecardConfig;

/**
 * A scorecard's configuration, in one transaction: the configuration itself ({@link ScorecardService}), the subject's
 * values rescored under its targets and thresholds ({@link ValueService}), and the scorecard recomputed and published.
 * A target set after the values were reported scores them, not only the values reported afterwards. Each
 * configuration is added to the scorecard's history with its author, reason and the total before and after.
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
        BigDecimal before = scorecards.storedTotal(subject, period); // under the lock the configuration took
        values.rescoreUnderConfiguration(subject, period, scorecards.applicable(subject, period), by);
        ScorecardService.Computed computed = scorecards.recompute(subject, period);
        long revision = scorecards.revisionOf(cfg);
        scorecards.recordRevision(subject, period, revision, c, by, before, computed.result().total());
        return new ScorecardService.Configured(computed, revision);
    }
}
