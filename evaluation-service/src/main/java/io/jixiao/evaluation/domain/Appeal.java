package io.jixiao.evaluation.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

/** A subject's appeal against its published result, decided by the performance office. */
@Entity
@Table(name = "appeal")
public class Appeal {

    @Schema(name = "AppealStatus")
    public enum Status {
        SUBMITTED, ACCEPTED, REJECTED
    }

    @Id
    public UUID id;

    @Column(name = "cycle_id", nullable = false)
    public UUID cycleId;

    @Column(name = "subject_code", nullable = false)
    public String subjectCode;

    @Column(nullable = false)
    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;

    @Column(name = "submitted_at", nullable = false)
    public OffsetDateTime submittedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Column(name = "decision_note")
    public String decisionNote;

    /** What an accepted appeal changed, as JSON (amended ratings and inputs). */
    @JdbcTypeCode(SqlTypes.JSON)
    public String amendment;

    @Version
    public long version;

    protected Appeal() {
    }

    public Appeal(UUID cycleId, String subjectCode, String reason, String submittedBy) {
        this.id = UUID.randomUUID();
        this.cycleId = cycleId;
        this.subjectCode = subjectCode;
        this.reason = reason;
        this.submittedBy = submittedBy;
        this.status = Status.SUBMITTED;
        this.submittedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void accept(String by, String note, String amendmentJson) {
        decide(Status.ACCEPTED, by, note);
        this.amendment = amendmentJson;
    }

    public void reject(String by, String note) {
        decide(Status.REJECTED, by, note);
    }

    private void decide(Status to, String by, String note) {
        if (status != Status.SUBMITTED) {
            throw new ConflictException("appeal " + id + " is already " + status);
        }
        this.status = to;
        this.decidedBy = by;
        this.decisionNote = note;
        this.decidedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }
}
