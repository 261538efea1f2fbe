package io.jixiao.budget.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.budget.domain.exante.ExAnteAssessment;
import io.jixiao.kit.web.Distinct;

/** Ex-ante assessment of a new proposal (stateless: the office keeps the result with the proposal's file). */
@ApplicationScoped
public class ExAnteService {

    public ExAnteAssessment.Result assess(ExAnteAssessment.Input in) {
        Distinct.require("years", ".year", "year", in.years(), ExAnteAssessment.Year::year);
        return ExAnteAssessment.assess(in, ExAnteAssessment.Policy.standard());
    }
}
