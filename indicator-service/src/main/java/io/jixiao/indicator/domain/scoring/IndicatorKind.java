package io.jixiao.indicator.domain.scoring;

public enum IndicatorKind {
    QUANTITATIVE, QUALITATIVE
}
