package io.jixiao.evaluation.domain;

/** A period with evaluation cycles, and how many. */
public record CyclePeriod(String period, long cycles) {
}
