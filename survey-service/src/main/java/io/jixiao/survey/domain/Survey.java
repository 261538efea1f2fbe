package io.jixiao.survey.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.survey.domain.index.Question;
import io.jixiao.survey.domain.index.RespondentGroup;

/** A satisfaction survey of one subject and period: respondent groups with weights, their questions, a lifecycle. */
@Entity
@Table(name = "survey")
public class Survey {

    @Id
    public UUID id;

    @Column(name = "subject_code", nullable = false)
    public String subjectCode;

    @Column(nullable = false)
    public String period;

    @Column(name = "title_zh", nullable = false)
    public String titleZh;

    @Column(name = "title_en")
    public String titleEn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SurveyStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Access access;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "group_weights", nullable = false)
    public Map<RespondentGroup, BigDecimal> groupWeights;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Question> questions;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "opened_at")
    public OffsetDateTime openedAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Version
    public long version;

    protected Survey() {
    }

    public Survey(String subjectCode, String period, String titleZh, String titleEn, Access access,
            Map<RespondentGroup, BigDecimal> groupWeights, List<Question> questions) {
        this.id = UUID.randomUUID();
        this.subjectCode = subjectCode;
        this.period = period;
        this.titleZh = titleZh;
        this.titleEn = titleEn;
        this.access = access;
        this.groupWeights = new EnumMap<>(groupWeights);
        this.questions = List.copyOf(questions);
        this.status = SurveyStatus.DRAFT;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void open() {
        if (status != SurveyStatus.DRAFT) {
            throw new ConflictException("only a DRAFT survey can be opened; this one is " + status);
        }
        status = SurveyStatus.OPEN;
        openedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void close() {
        if (status != SurveyStatus.OPEN) {
            throw new ConflictException("only an OPEN survey can be closed; this one is " + status);
        }
        status = SurveyStatus.CLOSED;
        closedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void requireOpen() {
        if (status != SurveyStatus.OPEN) {
            throw new ConflictException(
                    status == SurveyStatus.CLOSED ? "this survey is closed" : "this survey is not open yet");
        }
    }
}
