package io.jixiao.evaluation.domain;

/** DRAFT → OPEN → CLOSED → FINALIZED → PUBLISHED. */
public enum CycleStatus {
    DRAFT, OPEN, CLOSED, FINALIZED, PUBLISHED
}
