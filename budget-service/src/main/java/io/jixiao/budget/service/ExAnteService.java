package io.jixiao.budget.service;

import java.util.HashSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.budget.domain.exante.ExAnteAssessment;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;

/** Ex-ante assessment of a new proposal (stateless: the office keeps the result with the proposal's file). */
@ApplicationScoped
public class ExAnteService {

    public ExAnteAssessment.Result assess(ExAnteAssessment.Input in) {
        var seen = new HashSet<Integer>();
        for (int i = 0; i < in.years().size(); i++) {
            if (!seen.add(in.years().get(i).year())) {
                throw new InvalidInputException("years[" + i + "].year", "year " + in.years().get(i).year()
                        + " given twice");
            }
        }
        return ExAnteAssessment.assess(in, ExAnteAssessment.Policy.standard());
    }
}
