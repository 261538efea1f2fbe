package io.jixiao.budget.domain.rules;

/** The final grade of a subject, as evaluation-service publishes it. */
public enum Grade {
    EXCELLENT, GOOD, PASS, FAIL
}
