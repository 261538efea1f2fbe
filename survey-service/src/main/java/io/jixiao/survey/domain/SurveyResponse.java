package io.jixiao.survey.domain;

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

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.jixiao.survey.domain.index.RespondentGroup;
import io.jixiao.survey.domain.index.ResponseScorer;

/** One respondent's answers. Anonymous: a salted device fingerprint, never an IP. */
@Entity
@Table(name = "survey_response")
public class SurveyResponse {

    /** COUNTED in the index, or HELD for review (flagged as automated). */
    @Schema(name = "ResponseStatus")
    public enum Status {
        COUNTED, HELD, REJECTED
    }

    @Id
    public UUID id;

    @Column(name = "survey_id", nullable = false)
    public UUID surveyId;

    @Column(name = "subject_code", nullable = false)
    public String subjectCode;

    @Column(nullable = false)
    public String period;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RespondentGroup respondent;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(nullable = false, columnDefinition = "bpchar(64)")
    public String fingerprint;

    @Column(name = "token_batch")
    public UUID tokenBatch;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_at")
    public java.time.OffsetDateTime reviewedAt;

    @Column(name = "duration_ms")
    public Long durationMs;

    public BigDecimal score;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> flags;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<ResponseScorer.Answer> answers;

    @Column(name = "submitted_at", nullable = false)
    public OffsetDateTime submittedAt;
}
