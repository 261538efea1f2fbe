package io.jixiao.evaluation.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.jixiao.evaluation.domain.composite.Criterion;

/** A rating: criteria scores 0–100 with optional weights; its value is their weighted mean. */
@Entity
@Table(name = "rating")
public class Rating {

    @Id
    public UUID id;

    @Column(name = "cycle_id", nullable = false)
    public UUID cycleId;

    @Column(name = "subject_code", nullable = false)
    public String subjectCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RatingParty party;

    @Column(nullable = false)
    public String evaluator;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Criterion> criteria;

    @Column(nullable = false)
    public BigDecimal value;

    public String comment;

    @Column(name = "evidence_url")
    public String evidenceUrl;

    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;

    @Column(name = "submitted_at", nullable = false)
    public OffsetDateTime submittedAt;

    @Column(name = "is_current", nullable = false)
    public boolean current;

    protected Rating() {
    }

    public Rating(UUID cycleId, String subjectCode, RatingParty party, String evaluator, List<Criterion> criteria,
            String comment, String evidenceUrl, String submittedBy) {
        this.id = UUID.randomUUID();
        this.cycleId = cycleId;
        this.subjectCode = subjectCode;
        this.party = party;
        this.evaluator = evaluator;
        this.criteria = List.copyOf(criteria);
        this.value = Criterion.valueOf(criteria).setScale(10, java.math.RoundingMode.HALF_UP);
        this.comment = comment;
        this.evidenceUrl = evidenceUrl;
        this.submittedBy = submittedBy;
        this.submittedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        this.current = true;
    }

    /** Replaced by a newer rating of the same evaluator; kept for the ledger and the audit. */
    public void supersede() {
        this.current = false;
    }

    /** What the ledger hashes: everything that makes the rating, nothing that the database adds. */
    public Map<String, Object> ledgerContent() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id.toString());
        m.put("cycle", cycleId.toString());
        m.put("subject", subjectCode);
        m.put("party", party.name());
        m.put("evaluator", evaluator);
        m.put("criteria", criteria.stream().map(c -> {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("code", c.code());
            cm.put("score", c.score());
            cm.put("weight", c.effectiveWeight());
            return cm;
        }).toList());
        m.put("value", value);
        m.put("comment", comment);
        m.put("submittedBy", submittedBy);
        m.put("submittedAt", submittedAt.toString());
        return m;
    }
}
