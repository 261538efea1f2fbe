package io.jixiao.indicator.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.jixiao.indicator.domain.quality.QualityRules.Kind;
import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;

/**
 * A data-quality flag and its review. SUSPICIOUS_HIGH and OUTLIER hold a value until an admin accepts it (it then
 * counts) or rejects it; a ZOMBIE indicator is kept (accepted) or retired from the next year on.
 */
@Entity
@Table(name = "quality_flag")
public class QualityFlag {

    @Schema(name = "FlagStatus")
    public enum Status {
        OPEN, ACCEPTED, REJECTED, RETIRED, WITHDRAWN
    }

    public enum Decision {
        ACCEPT, REJECT, RETIRE
    }

    /** What a list of flags is narrowed to; null fields do not narrow it. */
    public record Filter(Status status, Kind kind, String subject, String indicator, String period) {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.OPEN;

    @Column(name = "subject_code")
    public String subjectCode;

    @Column(name = "indicator_code", nullable = false)
    public String indicatorCode;

    @Column(nullable = false)
    public String period;

    @Column(name = "value_id")
    public Long valueId;

    public BigDecimal value;

    @Column(nullable = false)
    public String detail;

    @Column(name = "raised_at", nullable = false)
    public OffsetDateTime raisedAt;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;

    @Column(name = "review_note")
    public String reviewNote;

    @Version
    public long version;

    /** Records an admin's decision; only an open flag is reviewed, and each kind takes its own decisions. */
    public void review(Decision decision, String note, String by, OffsetDateTime at) {
        if (status != Status.OPEN) {
            throw new ConflictException("flag " + id + " is " + status + " already");
        }
        boolean held = kind != Kind.ZOMBIE;
        if (held && decision == Decision.RETIRE || !held && decision == Decision.REJECT) {
            throw new RuleViolationException("decision", kind + " takes " + (held
                    ? "ACCEPT (the value counts) or REJECT (it never counts)"
                    : "ACCEPT (keep the indicator) or RETIRE (no longer in force from the next year)"));
        }
        status = switch (decision) {
            case ACCEPT -> Status.ACCEPTED;
            case REJECT -> Status.REJECTED;
            case RETIRE -> Status.RETIRED;
        };
        reviewNote = note;
        reviewedBy = by;
        reviewedAt = at;
    }

    /** A held value replaced by a later report before anyone reviewed it. */
    public void withdraw(OffsetDateTime at) {
        status = Status.WITHDRAWN;
        reviewedAt = at;
        reviewNote = "replaced by a later report";
    }
}
