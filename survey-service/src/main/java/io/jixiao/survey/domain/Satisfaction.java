package io.jixiao.survey.domain;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.jixiao.survey.domain.index.SatisfactionIndex;

/** The last computed satisfaction index of a subject and period. */
@Entity
@Table(name = "satisfaction")
@IdClass(Satisfaction.Key.class)
public class Satisfaction {

    public record Key(String subjectCode, String period) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "subject_code")
    public String subjectCode;

    @Id
    public String period;

    @Column(name = "satisfaction")
    public BigDecimal index;

    @Column(name = "sample_size", nullable = false)
    public long n;

    @Column(name = "standard_error")
    public BigDecimal standardError;

    public BigDecimal lower95;
    public BigDecimal upper95;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<SatisfactionIndex.GroupResult> groups;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> flags;

    @Column(name = "computed_at", nullable = false)
    public OffsetDateTime computedAt;

    @Version
    public long version;
}
