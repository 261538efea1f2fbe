package io.jixiao.budget.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.budget.domain.RuleTableRow;
import io.jixiao.budget.repository.InputRepository;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;

/** The versioned rule tables: a new version per change, never an edit, so every proposal keeps the rules it used. */
@ApplicationScoped
public class RuleService {

    private final InputRepository inputs;

    public RuleService(InputRepository inputs) {
        this.inputs = inputs;
    }

    /** The table in force for a year: its own latest version, else the default (year 0). */
    public RuleTableRow inForce(int year) {
        return inputs.rulesFor(year);
    }

    public List<RuleTableRow> history(int year) {
        return inputs.ruleHistory(year);
    }

    @Transactional
    public RuleTableRow publish(int year, RuleTableRow.Rules rules) {
        try {
            RuleTableRow probe = new RuleTableRow();
            probe.fiscalYear = year;
            probe.version = 1;
            probe.rules = rules;
            probe.toTable(year);
            probe.thresholds();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RuleViolationException("rules",
                    e.getMessage() == null ? "incomplete rule table" : e.getMessage());
        }
        inputs.lockRules(year);
        RuleTableRow row = new RuleTableRow();
        row.fiscalYear = year;
        row.version = inputs.lastVersion(year) + 1;
        row.rules = rules;
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        inputs.persist(row);
        return row;
    }
}
