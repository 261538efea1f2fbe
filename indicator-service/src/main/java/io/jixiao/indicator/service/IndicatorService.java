package io.jixiao.indicator.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.domain.scoring.SpecValidator;
import io.jixiao.indicator.repository.IndicatorRepository;
import io.jixiao.indicator.repository.SubjectRepository;
import io.jixiao.kit.problem.Problem;
import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class IndicatorService {

    private final IndicatorRepository indicators;
    private final SubjectRepository subjects;
    private final StrategyService strategy;

    public IndicatorService(IndicatorRepository indicators, SubjectRepository subjects, StrategyService strategy) {
        this.indicators = indicators;
        this.subjects = subjects;
        this.strategy = strategy;
    }

    @Transactional
    public Indicator define(Indicator i) {
        List<Problem.Violation> problems = SpecValidator.check(i.spec(null)).stream()
                .map(p -> new Problem.Violation(p.field(), p.message())).toList();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (indicators.findByIdOptional(i.code).isPresent()) {
            throw new ConflictException("indicator " + i.code + " is already defined");
        }
        if (i.subjects != null) {
            for (String s : i.subjects) {
                if (subjects.findByIdOptional(s).isEmpty()) {
                    throw new RuleViolationException("subjects", "subject " + s + " does not exist");
                }
            }
        }
        if (i.objective != null) {
            strategy.requireObjective(i.objective, i.dimension);
        }
        indicators.persist(i);
        return i;
    }

    public Optional<Indicator> find(String code) {
        return indicators.findByIdOptional(code);
    }

    public Paged<Indicator> list(PageRequest page) {
        var q = indicators.findAll(Sort.by("code"));
        return Paged.of(q.page(page.page(), page.size()).list(), page, q.count());
    }
}
