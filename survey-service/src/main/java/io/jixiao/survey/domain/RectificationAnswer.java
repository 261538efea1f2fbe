package io.jixiao.survey.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One answer a department gave to a rectification case; a revision adds one, none is ever changed. */
@Entity
@Table(name = "rectification_answer")
public class RectificationAnswer {

    @Id
    public UUID id;

    @Column(name = "case_id", nullable = false, updatable = false)
    public UUID caseId;

    @Column(nullable = false, updatable = false)
    public int revision;

    @Column(nullable = false, updatable = false)
    public String answer;

    @Column(name = "answered_by", nullable = false, updatable = false)
    public String answeredBy;

    @Column(name = "answered_at", nullable = false, updatable = false)
    public OffsetDateTime answeredAt;

    protected RectificationAnswer() {
    }

    RectificationAnswer(UUID caseId, int revision, String answer, String answeredBy, OffsetDateTime answeredAt) {
        this.id = UUID.randomUUID();
        this.caseId = caseId;
        this.revision = revision;
        this.answer = answer;
        this.answeredBy = answeredBy;
        this.answeredAt = answeredAt;
    }
}
