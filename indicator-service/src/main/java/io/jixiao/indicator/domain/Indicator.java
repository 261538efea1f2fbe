package io.jixiao.indicator.domain;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * An indicator: common to every subject, or specific to the listed ones. The row holds the definition of its latest
 * version ({@code definitionVersion}); scoring a period uses the version in force then (see {@link IndicatorVersion}),
 * which comes back as a detached {@code Indicator} that is never persisted.
 */
@Entity
@Table(name = "indicator")
public class Indicator extends IndicatorDefinition {

    @Id
    public String code;

    @Column(name = "definition_version", nullable = false)
    public int definitionVersion = 1;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt = OffsetDateTime.now();

    @Override
    public String code() {
        return code;
    }
}
