package io.jixiao.budget.domain.monitoring;

/** The dual-monitoring light of a project; NONE when neither pace nor goal can be judged yet. */
public enum Light {
    GREEN, YELLOW, RED, NONE
}
