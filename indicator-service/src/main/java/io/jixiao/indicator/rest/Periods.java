package io.jixiao.indicator.rest;

import io.jixiao.indicator.domain.Period;

/** The period notation for Bean Validation annotations (constants of {@link Period}). */
final class Periods {

    static final String PATTERN = Period.PATTERN;
    static final String MESSAGE = Period.MESSAGE;

    private Periods() {
    }
}
