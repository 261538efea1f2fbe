package io.jixiao.evaluation.domain;

import io.jixiao.kit.problem.ProblemException.ConflictException;

/** An action out of the cycle's lifecycle order. */
public class LifecycleException extends ConflictException {
    public LifecycleException(String detail) {
        super(detail);
    }
}
