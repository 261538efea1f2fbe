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

    /** The service item the survey concerns (e.g. 不动产登记), if it is narrower than the whole subject. */
    @Column(name = "service_item")
    public String serviceItem;

    /** When answers start to be accepted (null: as soon as it is open). */
    @Column(name = "opens_at")
    public OffsetDateTime opensAt;

    /** When answers stop being accepted; an open survey past it is closed by the scheduler. */
    @Column(name = "closes_at")
    public OffsetDateTime closesAt;

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

    /** Sets the answering window; the end must come after the start. */
    public void schedule(OffsetDateTime opensAt, OffsetDateTime closesAt) {
        if (opensAt != null && closesAt != null && !opensAt.isBefore(closesAt)) {
            throw new ConflictException("closesAt must be after opensAt");
        }
        if (status == SurveyStatus.CLOSED) {
            throw new ConflictException("a closed survey cannot be rescheduled");
        }
        this.opensAt = opensAt;
        this.closesAt = closesAt;
    }

    /** Whether answers are accepted at {@code now}: open, and inside its window. */
    public void requireOpen(OffsetDateTime now) {
        if (status != SurveyStatus.OPEN) {
            throw new ConflictException(
                    status == SurveyStatus.CLOSED ? "this survey is closed" : "this survey is not open yet");
        }
        if (opensAt != null && now.isBefore(opensAt)) {
            throw new ConflictException("this survey opens at " + opensAt);
        }
        if (closesAt != null && !now.isBefore(closesAt)) {
            throw new ConflictException("this survey closed at " + closesAt);
        }
    }

    /** Closes an open survey whose window has ended; false when there is nothing to do. */
    public boolean closeIfEnded(OffsetDateTime now) {
        if (status != SurveyStatus.OPEN || closesAt == null || now.isBefore(closesAt)) {
            return false;
        }
        status = SurveyStatus.CLOSED;
        closedAt = closesAt;
        return true;
    }

    /**
     * Revises texts, service item, group weights and questions. Once a survey has responses, what scores them (group
     * weights; each question's code, group, type, requiredness, weight and option points) may no longer change: the
     * responses were given to those questions. Texts may still be corrected.
     */
    public void revise(String titleZh, String titleEn, String serviceItem, Map<RespondentGroup, BigDecimal> weights,
            List<Question> questions, boolean hasResponses) {
        if (status == SurveyStatus.CLOSED) {
            throw new ConflictException("a closed survey cannot be changed");
        }
        if (hasResponses && !scoring(groupWeights, this.questions).equals(scoring(weights, questions))) {
            throw new ConflictException("this survey has responses: its scored questions and group weights can no "
                    + "longer change (texts may)");
        }
        this.titleZh = titleZh;
        this.titleEn = titleEn;
        this.serviceItem = serviceItem;
        this.groupWeights = new EnumMap<>(weights);
        this.questions = List.copyOf(questions);
    }

    /** What scores a response: group weights and the questions without their texts (numbers compared by value). */
    static List<Object> scoring(Map<RespondentGroup, BigDecimal> weights, List<Question> questions) {
        Map<RespondentGroup, BigDecimal> w = new java.util.TreeMap<>();
        weights.forEach((g, v) -> w.put(g, v == null ? null : v.stripTrailingZeros()));
        List<Object> qs = questions.stream().map(q -> List.of(q.code(), q.group(), q.type(), q.required(),
                String.valueOf(q.weight() == null ? null : q.weight().stripTrailingZeros()),
                q.options() == null
                        ? List.of()
                        : q.options().stream().map(o -> o.code() + "=" + (o.points() == null
                                ? "-"
                                : o.points().stripTrailingZeros().toPlainString())).toList()))
                .map(Object.class::cast).toList();
        return List.of(w, qs);
    }
}
