package io.jixiao.indicator.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.jixiao.kit.period.ActivePeriod;

/** An evaluated unit: the city, a department, or a unit under a department. */
@Entity
@Table(name = "subject")
public class Subject {

    @Id
    public String code;

    @Column(name = "name_zh", nullable = false)
    public String nameZh;

    @Column(name = "name_en")
    public String nameEn;

    @Column(name = "parent_code")
    public String parentCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SubjectLevel level;

    @Column(name = "active_from")
    public LocalDate activeFrom;

    @Column(name = "active_to")
    public LocalDate activeTo;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    protected Subject() {
    }

    public Subject(String code, String nameZh, String nameEn, String parentCode, SubjectLevel level,
            LocalDate activeFrom, LocalDate activeTo) {
        this.code = code;
        assign(nameZh, nameEn, parentCode, level, activeFrom, activeTo);
        this.createdAt = OffsetDateTime.now();
    }

    /**
     * Replaces everything but the code (a reorganisation: renamed, moved under another parent, closed); false when
     * nothing changed.
     */
    public boolean revise(String nameZh, String nameEn, String parentCode, SubjectLevel level, LocalDate activeFrom,
            LocalDate activeTo) {
        if (Objects.equals(this.nameZh, nameZh) && Objects.equals(this.nameEn, nameEn)
                && Objects.equals(this.parentCode, parentCode) && this.level == level
                && Objects.equals(this.activeFrom, activeFrom) && Objects.equals(this.activeTo, activeTo)) {
            return false;
        }
        assign(nameZh, nameEn, parentCode, level, activeFrom, activeTo);
        return true;
    }

    /** The dates the subject is active between, which a period must overlap to have values. */
    public ActivePeriod active() {
        return new ActivePeriod(activeFrom, activeTo);
    }

    private void assign(String nameZh, String nameEn, String parentCode, SubjectLevel level, LocalDate activeFrom,
            LocalDate activeTo) {
        if (activeFrom != null && activeTo != null && activeTo.isBefore(activeFrom)) {
            throw new IllegalArgumentException("activeTo before activeFrom");
        }
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.parentCode = parentCode;
        this.level = level;
        this.activeFrom = activeFrom;
        this.activeTo = activeTo;
    }
}
