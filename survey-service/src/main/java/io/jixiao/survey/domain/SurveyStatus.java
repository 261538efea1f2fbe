package io.jixiao.survey.domain;

public enum SurveyStatus {
    DRAFT, OPEN, CLOSED
}
