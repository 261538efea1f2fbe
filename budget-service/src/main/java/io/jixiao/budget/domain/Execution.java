package io.jixiao.budget.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A spending record of a project (from the finance system or a finance officer). */
@Entity
@Table(name = "execution")
public class Execution {

    @Id
    public UUID id;

    @Column(name = "project_id", nullable = false)
    public UUID projectId;

    @Column(nullable = false)
    public BigDecimal amount;

    @Column(name = "spent_on", nullable = false)
    public LocalDate spentOn;

    public String note;

    @Column(nullable = false)
    public boolean overspend;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    protected Execution() {
    }

    public Execution(UUID projectId, BigDecimal amount, LocalDate spentOn, String note, boolean overspend,
            String recordedBy) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("an execution amount is positive");
        }
        this.id = UUID.randomUUID();
        this.projectId = projectId;
        this.amount = amount;
        this.spentOn = spentOn;
        this.note = note;
        this.overspend = overspend;
        this.recordedBy = recordedBy;
        this.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
}
