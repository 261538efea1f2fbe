package io.jixiao.gateway.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.gateway.client.BudgetClient;
import io.jixiao.gateway.client.Caller;
import io.jixiao.gateway.client.EvaluationClient;
import io.jixiao.gateway.client.IndicatorClient;
import io.jixiao.gateway.client.Panel;
import io.jixiao.gateway.client.SurveyClient;
import io.smallrye.mutiny.Uni;

/**
 * The portal's read models, composed from the four services in parallel with the caller's own token (each service
 * applies its own object-level rules). A service that fails degrades its panels only.
 */
@ApplicationScoped
public class PortalService {

    /** A department's page in one call. */
    public record Dashboard(String subject, String period, Map<String, Panel> panels) {
    }

    /**
     * The league tables of a period: the 360 results with grades and ranks, the head of the scorecard ranking (there
     * before any evaluation cycle is), and the subjects' names.
     */
    public record League(String period, Map<String, Panel> panels) {
    }

    /** What needs attention in a year: red budget projects with open disposal tasks, overdue rectifications. */
    public record Warnings(int year, Map<String, Panel> panels) {
    }

    private final IndicatorClient indicator;
    private final EvaluationClient evaluation;
    private final SurveyClient survey;
    private final BudgetClient budget;

    public PortalService(IndicatorClient indicator, EvaluationClient evaluation, SurveyClient survey,
            BudgetClient budget) {
        this.indicator = indicator;
        this.evaluation = evaluation;
        this.survey = survey;
        this.budget = budget;
    }

    public Uni<Dashboard> dashboard(String code, int year, Caller c) {
        String period = String.valueOf(year);
        return panels(List.of("subject", "scorecard", "previousScorecard", "scorecardHistory", "evaluation",
                "satisfaction", "surveys", "budget", "rectifications"),
                List.of(indicator.subject(code, c), indicator.scorecard(code, period, c),
                        indicator.scorecard(code, String.valueOf(year - 1), c),
                        indicator.scorecardHistory(code, period, c), evaluation.result(period, code, c),
                        survey.satisfaction(code, period, c), survey.surveys(code, period, c),
                        budget.department(code, year, c), survey.rectifications(code, false, c)))
                .map(p -> new Dashboard(code, period, p));
    }

    public Uni<League> league(int year, Caller c) {
        String period = String.valueOf(year);
        return panels(List.of("evaluation", "scorecards", "subjects"),
                List.of(evaluation.league(period, c), indicator.league(period, c), indicator.subjects(c)))
                .map(p -> new League(period, p));
    }

    public Uni<Warnings> warnings(int year, Caller c) {
        return panels(List.of("budget", "overdueRectifications"),
                List.of(budget.warnings(year, c), survey.rectifications(null, true, c)))
                .map(p -> new Warnings(year, p));
    }

    private static Uni<Map<String, Panel>> panels(List<String> names, List<Uni<Panel>> calls) {
        return Uni.combine().all().unis(calls).with(Panel.class, results -> {
            Map<String, Panel> m = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                m.put(names.get(i), results.get(i));
            }
            return m;
        });
    }
}
