package io.jixiao.budget.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.jixiao.budget.domain.monitoring.Light;

/** One change of a project's light, kept as history. */
@Entity
@Table(name = "light_change")
public class LightChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id", nullable = false)
    public UUID projectId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_light")
    public Light from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_light", nullable = false)
    public Light to;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> reasons;

    @Column(name = "assessed_on", nullable = false)
    public LocalDate assessedOn;

    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;
}
