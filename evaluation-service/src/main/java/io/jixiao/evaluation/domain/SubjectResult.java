package io.jixiao.evaluation.domain;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A subject's frozen result in a finalized cycle, with the breakdown that explains every number. */
@Entity
@Table(name = "result")
@IdClass(SubjectResult.Key.class)
public class SubjectResult {

    public record Key(UUID cycleId, String subjectCode) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "cycle_id")
    public UUID cycleId;

    @Id
    @Column(name = "subject_code")
    public String subjectCode;

    public BigDecimal composite;

    @Column(nullable = false)
    public BigDecimal coverage;

    public String grade;

    public Integer rank;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> flags;

    /** The breakdown as JSON (party scores, counted and trimmed ratings, the input events). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String breakdown;

    @Column(name = "computed_at", nullable = false)
    public OffsetDateTime computedAt;

    @Version
    public long version;
}
