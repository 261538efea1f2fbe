package io.jixiao.survey.domain.index;

/** Respondent groups, each with its own questions and weight. */
public enum RespondentGroup {
    CITIZEN, ENTERPRISE, PARTNER
}
