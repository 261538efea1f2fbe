package io.jixiao.budget.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.jixiao.budget.domain.rules.Category;

/** A budget project of a subject in a fiscal year, tied to performance indicators. Amounts in yuan, exact. */
@Entity
@Table(name = "budget_project")
public class BudgetProject {

    @Id
    public UUID id;

    @Column(name = "subject_code", nullable = false)
    public String subjectCode;

    @Column(name = "fiscal_year", nullable = false)
    public int fiscalYear;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Category category;

    @Column(nullable = false)
    public String name;

    @Column(name = "approved_amount", nullable = false)
    public BigDecimal approvedAmount;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "linked_indicators", nullable = false)
    public List<String> linkedIndicators;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public long version;

    protected BudgetProject() {
    }

    public BudgetProject(String subjectCode, int fiscalYear, Category category, String name, BigDecimal approved,
            List<String> linkedIndicators) {
        if (approved.signum() < 0) {
            throw new IllegalArgumentException("the approved amount must not be negative");
        }
        this.id = UUID.randomUUID();
        this.subjectCode = subjectCode;
        this.fiscalYear = fiscalYear;
        this.category = category;
        this.name = name;
        this.approvedAmount = approved.setScale(2, java.math.RoundingMode.UNNECESSARY);
        this.linkedIndicators = linkedIndicators == null ? List.of() : List.copyOf(linkedIndicators);
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
}
