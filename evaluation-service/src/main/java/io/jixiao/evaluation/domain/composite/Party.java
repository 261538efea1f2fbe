package io.jixiao.evaluation.domain.composite;

/** The four evaluating parties of the 360-degree evaluation and their default weights (seed 002). */
public enum Party {
    SUPERIOR(40), PUBLIC(30), THIRD_PARTY(20), PEER(10);

    public final int defaultWeight;

    Party(int defaultWeight) {
        this.defaultWeight = defaultWeight;
    }
}
