package io.jixiao.indicator.domain.scoring;

public enum Polarity {
    HIGHER_BETTER, LOWER_BETTER, RANGE
}
