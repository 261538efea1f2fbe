package io.jixiao.survey.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.survey.domain.review.ReviewLevel;

/** One 好差评 rating of one service case, posted by a service-hall or app system. */
@Entity
@Table(name = "service_review")
public class ServiceReview {

    @Schema(name = "ReviewStatus")
    public enum Status {
        ACTIVE, VOIDED
    }

    /** Why an appeal voided a rating. */
    public enum VoidReason {
        MISTAKEN, MALICIOUS
    }

    @Id
    public UUID id;

    @Column(name = "case_no", nullable = false)
    public String caseNo;

    @Column(name = "subject_code", nullable = false)
    public String subjectCode;

    @Column(name = "service_item")
    public String serviceItem;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReviewLevel level;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    public String comment;

    @Column(name = "rated_at", nullable = false)
    public OffsetDateTime ratedAt;

    @Column(name = "source_system", nullable = false)
    public String sourceSystem;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.ACTIVE;

    @Enumerated(EnumType.STRING)
    @Column(name = "void_reason")
    public VoidReason voidReason;

    @Column(name = "void_note")
    public String voidNote;

    @Column(name = "voided_by")
    public String voidedBy;

    @Column(name = "voided_at")
    public OffsetDateTime voidedAt;

    /** An admin upholds the department's appeal: the rating no longer counts. */
    public void voidAs(VoidReason reason, String note, String by, OffsetDateTime at) {
        if (status == Status.VOIDED) {
            throw new ConflictException("review " + caseNo + " is voided already");
        }
        status = Status.VOIDED;
        voidReason = reason;
        voidNote = note;
        voidedBy = by;
        voidedAt = at;
    }
}
