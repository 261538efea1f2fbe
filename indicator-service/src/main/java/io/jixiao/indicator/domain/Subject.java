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

    /** Whether the subject was active during any part of {@code period} (a valid period). */
    public boolean activeIn(String period) {
        return activeIn(activeFrom, activeTo, period);
    }

    /**
     * Whether an active period from {@code from} to {@code to} (either open when null) overlaps {@code period}: an office
     * closed on 30 June still reports its year, not its July.
     */
    public static boolean activeIn(LocalDate from, LocalDate to, String period) {
        return (to == null || Period.startMonth(period) <= month(to))
                && (from == null || Period.endMonth(period) >= month(from));
    }

    /** Why a value of {@code period} is refused for a subject active from {@code from} to {@code to}. */
    public static String inactive(String code, LocalDate from, LocalDate to, String period) {
        return "subject " + code + " is active " + (from == null ? "" : "from " + from + " ")
                + (to == null ? "" : "until " + to + " ") + "and so has no values for " + period;
    }

    private static int month(LocalDate d) {
        return d.getYear() * 12 + d.getMonthValue() - 1;
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
