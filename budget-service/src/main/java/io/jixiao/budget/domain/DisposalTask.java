package io.jixiao.budget.domain;

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

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.jixiao.kit.problem.ProblemException.ConflictException;

/** The task a RED light opens: finance decides to rectify, suspend or withdraw, and closes it with a note. */
@Entity
@Table(name = "disposal_task")
public class DisposalTask {

    @Schema(name = "DisposalStatus")
    public enum Status {
        OPEN, CLOSED
    }

    @Schema(name = "DisposalAction")
    public enum Action {
        RECTIFY, SUSPEND, WITHDRAW
    }

    @Id
    public UUID id;

    @Column(name = "project_id", nullable = false)
    public UUID projectId;

    @Column(name = "subject_code", nullable = false)
    public String subjectCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> reasons;

    @Enumerated(EnumType.STRING)
    public Action action;

    public String note;

    @Column(name = "opened_at", nullable = false)
    public OffsetDateTime openedAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    @Version
    public long version;

    protected DisposalTask() {
    }

    public DisposalTask(UUID projectId, String subjectCode, List<String> reasons) {
        this.id = UUID.randomUUID();
        this.projectId = projectId;
        this.subjectCode = subjectCode;
        this.reasons = List.copyOf(reasons);
        this.status = Status.OPEN;
        this.openedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void close(Action action, String note, String by) {
        if (status != Status.OPEN) {
            throw new ConflictException("disposal task " + id + " is already closed");
        }
        this.status = Status.CLOSED;
        this.action = action;
        this.note = note;
        this.closedBy = by;
        this.closedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
}
