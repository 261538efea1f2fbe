package io.jixiao.survey.domain;

/** Where a response came from. */
public enum Channel {
    WEB, APP, HALL, HOTLINE_12345
}
