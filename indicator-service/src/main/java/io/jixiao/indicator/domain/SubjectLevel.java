package io.jixiao.indicator.domain;

/** Where a subject sits in the hierarchy: city → department → unit. */
public enum SubjectLevel {
    CITY, DEPARTMENT, UNIT
}
