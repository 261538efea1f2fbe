package io.jixiao.budget.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.jixiao.budget.domain.monitoring.Light;

/** A project's light as of the last monitoring run. */
@Entity
@Table(name = "project_light")
public class ProjectLight {

    @Id
    @Column(name = "project_id")
    public UUID projectId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Light light;

    @Column(name = "execution_rate", nullable = false)
    public BigDecimal executionRate;

    @Column(name = "time_progress", nullable = false)
    public BigDecimal timeProgress;

    public BigDecimal pace;

    @Column(name = "goal_score")
    public BigDecimal goalScore;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> reasons;

    @Column(name = "assessed_on", nullable = false)
    public LocalDate assessedOn;

    @Column(name = "assessed_at", nullable = false)
    public OffsetDateTime assessedAt;
}
