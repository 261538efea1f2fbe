package io.jixiao.survey.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.jixiao.kit.problem.ProblemException.ConflictException;

/** The department's answer to a bad review: OPEN → ANSWERED → CLOSED, or VOIDED with its review. */
@Entity
@Table(name = "rectification_case")
public class RectificationCase {

    @Schema(name = "RectificationStatus")
    public enum Status {
        OPEN, ANSWERED, CLOSED, VOIDED
    }

    @Id
    public UUID id;

    @Column(name = "review_id", nullable = false)
    public UUID reviewId;

    @Column(name = "subject_code", nullable = false)
    public String subjectCode;

    @Column(name = "opened_at", nullable = false)
    public OffsetDateTime openedAt;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.OPEN;

    public String answer;

    @Column(name = "answered_by")
    public String answeredBy;

    @Column(name = "answered_at")
    public OffsetDateTime answeredAt;

    /** How many answers the department has given; each is kept as a {@link RectificationAnswer}. */
    @Column(name = "answer_revisions", nullable = false)
    public int answerRevisions;

    @Column(name = "closing_note")
    public String closingNote;

    @Column(name = "closed_by")
    public String closedBy;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Version
    public long version;

    /** Records the answer that now stands and returns it as the revision to keep beside the earlier ones. */
    public RectificationAnswer answer(String text, String by, OffsetDateTime at) {
        if (status != Status.OPEN && status != Status.ANSWERED) {
            throw new ConflictException("rectification case is " + status + ": it cannot be answered");
        }
        if (answeredAt == null) {
            answeredAt = at; // the first answer is the response that counts for the on-time rate
        }
        answer = text;
        answeredBy = by;
        status = Status.ANSWERED;
        answerRevisions++;
        return new RectificationAnswer(id, answerRevisions, text, by, at);
    }

    public void close(String note, String by, OffsetDateTime at) {
        if (status != Status.ANSWERED) {
            throw new ConflictException("rectification case is " + status + ": answer it before closing it");
        }
        closingNote = note;
        closedBy = by;
        closedAt = at;
        status = Status.CLOSED;
    }

    public void voidWithReview() {
        status = Status.VOIDED;
    }

    /** Answered on or before the due date (the day, in China Standard Time). */
    public boolean answeredOnTime() {
        return answeredAt != null && !answeredAt.atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))
                .toLocalDate().isAfter(dueDate);
    }
}
