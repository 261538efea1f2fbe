package io.jixiao.budget.domain;

import java.math.BigDecimal;
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

import io.jixiao.budget.domain.rules.ProposalCalculator;

/** Next year's recommended amount of a project, with the rule, inputs and arithmetic that produced it. */
@Entity
@Table(name = "proposal")
public class Proposal {

    @Id
    public UUID id;

    @Column(name = "project_id", nullable = false)
    public UUID projectId;

    @Column(name = "subject_code", nullable = false)
    public String subjectCode;

    @Column(name = "fiscal_year", nullable = false)
    public int fiscalYear;

    @Column(name = "based_on_year", nullable = false)
    public int basedOnYear;

    @Column(name = "current_amount", nullable = false)
    public BigDecimal current;

    @Column(name = "proposed_amount", nullable = false)
    public BigDecimal proposed;

    @Column(name = "ceiling_amount", nullable = false)
    public BigDecimal ceiling;

    @Column(name = "adjustment_percent", nullable = false)
    public BigDecimal adjustmentPercent;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProposalCalculator.Action action;

    @Column(nullable = false)
    public String rule;

    @Column(name = "rule_table_version", nullable = false)
    public int ruleTableVersion;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> explanation;

    @Column(name = "source_event", nullable = false)
    public UUID sourceEvent;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
