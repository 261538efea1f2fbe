package io.jixiao.indicator.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.domain.IndicatorDefinition;
import io.jixiao.indicator.domain.IndicatorVersion;
import io.jixiao.indicator.domain.scoring.Dimension;
import io.jixiao.indicator.domain.scoring.IndicatorKind;
import io.jixiao.indicator.domain.scoring.SpecValidator;
import io.jixiao.indicator.repository.IndicatorRepository;
import io.jixiao.indicator.repository.IndicatorVersionRepository;
import io.jixiao.indicator.repository.SubjectRepository;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.problem.Problem;
import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Distinct;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.quarkus.panache.common.Sort;

/** Indicator definitions and their versions. */
@ApplicationScoped
public class IndicatorService {

    /** A new version: its definition and the periods it applies to ({@code validTo} null: open-ended). */
    public record NewVersion(IndicatorDefinition definition, String validFrom, String validTo, String reason) {
    }

    /** A version as stored, and how many reported values it rescored. */
    public record Versioned(IndicatorVersion version, int rescored, int scorecardsRecomputed) {
    }

    private final IndicatorRepository indicators;
    private final IndicatorVersionRepository versions;
    private final SubjectRepository subjects;
    private final StrategyService strategy;
    private final ValueService values;

    public IndicatorService(IndicatorRepository indicators, IndicatorVersionRepository versions,
            SubjectRepository subjects, StrategyService strategy, ValueService values) {
        this.indicators = indicators;
        this.versions = versions;
        this.subjects = subjects;
        this.strategy = strategy;
        this.values = values;
    }

    /** Registers an indicator with its first version, in force from {@code validFrom} (null: from the beginning). */
    @Transactional
    public Indicator define(Indicator i, String validFrom, String by) {
        check(i);
        if (indicators.findByIdOptional(i.code).isPresent()) {
            throw new ConflictException("indicator " + i.code + " is already defined");
        }
        i.definitionVersion = 1;
        indicators.persist(i);
        IndicatorVersion v = version(i.code, 1, i, validFrom, null, "the definition as first registered", by);
        versions.persist(v);
        return i;
    }

    /**
     * Adds a version of an indicator, in force from {@code validFrom}: the open-ended version in force then ends the
     * period before; any other overlap is refused (409). Values already reported for the periods it now covers are
     * rescored under it (a history row each) and their scorecards recomputed; earlier periods keep their versions. A
     * value being scored when the version comes is waited for and rescored; one that comes meanwhile waits and is
     * scored under the new version.
     */
    @Transactional
    public Versioned addVersion(String code, NewVersion nv, String by) {
        versions.lockForChange(); // waits for the values being scored now, so that they are rescored below
        Indicator current = indicators.findByIdOptional(code)
                .orElseThrow(() -> new ResourceNotFoundException("indicator", code));
        check(nv.definition());
        int from = Period.startMonth(nv.validFrom());
        Integer to = nv.validTo() == null ? null : Period.endMonth(nv.validTo());
        if (to != null && to < from) {
            throw new InvalidInputException("validTo", "must not end before validFrom");
        }
        List<IndicatorVersion> all = versions.of(code);
        // an open-ended new version ends the open-ended one before it; every other overlap is refused
        IndicatorVersion open = to != null
                ? null
                : all.stream().filter(v -> v.toMonth == null && v.fromMonth < from)
                        .findFirst().orElse(null);
        for (IndicatorVersion v : all) {
            if (v != open && v.overlaps(from, to)) {
                throw new ConflictException("version " + v.versionNo + " of " + code + " already applies to "
                        + describe(v) + ", which overlaps " + nv.validFrom() + (nv.validTo() == null
                                ? " onwards"
                                : " to " + nv.validTo()));
            }
        }
        if (open != null) {
            open.endBefore(from);
        }
        int no = all.stream().mapToInt(v -> v.versionNo).max().orElse(0) + 1;
        IndicatorVersion v = version(code, no, nv.definition(), nv.validFrom(), nv.validTo(), nv.reason(), by);
        v.fromMonth = from;
        v.toMonth = to;
        versions.persist(v);
        versions.flush();
        boolean latest = all.stream().allMatch(o -> o.fromMonth < from);
        if (latest) {
            current.copyDefinition(nv.definition());
            current.definitionVersion = no;
        }
        ValueService.Rescored r = values.rescore(v, by);
        return new Versioned(v, r.values(), r.scorecards());
    }

    public List<IndicatorVersion> versions(String code) {
        if (indicators.findByIdOptional(code).isEmpty()) {
            throw new ResourceNotFoundException("indicator", code);
        }
        return versions.of(code);
    }

    public Optional<Indicator> find(String code) {
        return indicators.findByIdOptional(code);
    }

    /** The definition of {@code code} in force in {@code period}. */
    public Indicator inForce(String code, String period) {
        if (indicators.findByIdOptional(code).isEmpty()) {
            throw new ResourceNotFoundException("indicator", code);
        }
        return versions.inForce(code, period).orElseThrow(() -> new ResourceNotFoundException("indicator " + code
                + " in period", period));
    }

    /** The indicators whose latest definition matches what is given (null narrows nothing), by code. */
    public Paged<Indicator> list(Dimension dimension, IndicatorKind kind, PageRequest page) {
        return Where.all().eq("dimension", dimension).eq("kind", kind).page(indicators, Sort.by("code"), page);
    }

    private void check(IndicatorDefinition d) {
        List<Problem.Violation> problems = new ArrayList<>(SpecValidator.check(d.spec(null)).stream()
                .map(p -> new Problem.Violation(p.field(), p.message())).toList());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Distinct.require("subjects", "", "subject", d.subjects, s -> s);
        if (d.subjects != null) {
            for (String s : d.subjects) {
                if (subjects.findByIdOptional(s).isEmpty()) {
                    throw new RuleViolationException("subjects", "subject " + s + " does not exist");
                }
            }
        }
        if (d.objective != null) {
            strategy.requireObjective(d.objective, d.dimension);
        }
    }

    private static IndicatorVersion version(String code, int no, IndicatorDefinition d, String validFrom,
            String validTo, String reason, String by) {
        IndicatorVersion v = new IndicatorVersion();
        v.indicatorCode = code;
        v.versionNo = no;
        v.copyDefinition(d);
        v.validFrom = validFrom;
        v.validTo = validTo;
        v.fromMonth = validFrom == null ? 0 : Period.startMonth(validFrom);
        v.toMonth = validTo == null ? null : Period.endMonth(validTo);
        v.reason = reason;
        v.createdBy = by;
        return v;
    }

    private static String describe(IndicatorVersion v) {
        return (v.validFrom == null ? "every period" : v.validFrom) + (v.validTo == null
                ? v.validFrom == null ? "" : " onwards"
                : " to " + v.validTo);
    }
}
