package io.jixiao.survey.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.jixiao.kit.period.ActivePeriod;

/** survey-service's copy of a subject registered in indicator-service (from its events). */
@Entity
@Table(name = "known_subject")
public class KnownSubject {

    @Id
    public String code;

    @Column(name = "name_zh", nullable = false)
    public String nameZh;

    @Column(name = "parent_code")
    public String parentCode;

    @Column(name = "active_from")
    public LocalDate activeFrom;

    @Column(name = "active_to")
    public LocalDate activeTo;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The dates the subject is active between: a period it has no part in takes nothing of it. */
    public ActivePeriod active() {
        return new ActivePeriod(activeFrom, activeTo);
    }
}
