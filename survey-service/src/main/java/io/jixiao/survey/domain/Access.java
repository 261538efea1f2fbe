package io.jixiao.survey.domain;

/** How respondents reach a survey: an open public link, or single-use invitation tokens. */
public enum Access {
    PUBLIC, TOKEN
}
