package io.jixiao.indicator.domain;

/** A period with stored scorecards, and how many. */
public record ScoredPeriod(String period, long scorecards) {
}
