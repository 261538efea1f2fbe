package io.jixiao.indicator.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.jixiao.indicator.domain.scoring.Dimension;
import io.jixiao.indicator.domain.scoring.StrategyMap;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;

/** A strategic objective of a mission, in one dimension, with the objectives that cause it (the strategy map). */
@Entity
@Table(name = "strategic_objective")
public class StrategicObjective {

    @Id
    public String code;

    @Column(name = "mission_code", nullable = false)
    public String missionCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Dimension dimension;

    @Column(name = "name_zh", nullable = false)
    public String nameZh;

    @Column(name = "name_en")
    public String nameEn;

    /** The objectives that drive this one (cause → this effect). */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "objective_cause", joinColumns = @JoinColumn(name = "effect_code"))
    @Column(name = "cause_code")
    public Set<String> causes = new LinkedHashSet<>();

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt = OffsetDateTime.now(ZoneOffset.UTC);

    /** Adds a cause: of the same mission, and a level below in the strategy map. */
    public void causedBy(StrategicObjective cause) {
        if (!cause.missionCode.equals(missionCode)) {
            throw new RuleViolationException("causes", "objective " + cause.code + " belongs to another mission");
        }
        if (!StrategyMap.mayCause(cause.dimension, dimension)) {
            throw new RuleViolationException("causes", "a " + cause.dimension + " objective cannot drive a " + dimension
                    + " one: the strategy map runs learning → process → public → financial, political above all");
        }
        causes.add(cause.code);
    }
}
