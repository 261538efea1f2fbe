package io.jixiao.indicator.domain;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

@Embeddable
public record SubjectPeriod(@Column(name = "subject_code") String subjectCode, @Column(name = "period") String period)
        implements
            Serializable {
}
