package io.jixiao.gateway.service;

import java.time.Year;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

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
     * before any evaluation cycle is), and the names of the subjects the results name.
     */
    public record League(String period, Map<String, Panel> panels) {
    }

    /**
     * What needs attention in a year: red budget projects with open disposal tasks, overdue rectifications, and the
     * names of the subjects they concern.
     */
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

    /** The league tables of a year: the 360 results of the cycle asked for, or of the one that speaks for the year. */
    public Uni<League> league(int year, String cycle, Caller c) {
        String period = String.valueOf(year);
        return panels(List.of("evaluation", "scorecards"),
                List.of(evaluation.league(period, cycle, c), indicator.league(period, c)))
                .flatMap(p -> withNames(p, named(p.get("evaluation"), "results"), c))
                .map(p -> new League(period, p));
    }

    /**
     * The years with data the caller may see, and the one to open on ({@link Years}): a department's from its own
     * scorecards and the cycles it is evaluated in ({@code subjectOrNull}).
     */
    public Uni<Years> years(String subjectOrNull, Caller c) {
        return panels(List.of("scorecards", "evaluation"),
                List.of(indicator.periods(c), evaluation.periods(subjectOrNull, c)))
                .map(p -> Years.of(p, Year.now().getValue()));
    }

    public Uni<Warnings> warnings(int year, Caller c) {
        return panels(List.of("budget", "overdueRectifications"),
                List.of(budget.warnings(year, c), survey.rectifications(null, true, c)))
                .flatMap(p -> {
                    Set<String> codes = named(p.get("budget"), "red", "items");
                    codes.addAll(named(p.get("budget"), "openTasks", "items"));
                    codes.addAll(named(p.get("overdueRectifications"), "items"));
                    return withNames(p, codes, c);
                })
                .map(p -> new Warnings(year, p));
    }

    /**
     * The panels with one more, {@code subjects}: the names of the subjects they name. The scorecard ranking's rows
     * carry their own; the 360 results, budget projects and rectification cases carry codes only, and the subjects
     * they name are any of a province's, not the first page of its list.
     */
    private Uni<Map<String, Panel>> withNames(Map<String, Panel> panels, Set<String> codes, Caller c) {
        return indicator.subjectsNamed(codes, c).map(names -> {
            panels.put("subjects", names);
            return panels;
        });
    }

    /** The subject codes of the rows at {@code path} in a panel's answer (none when it has no answer). */
    private static Set<String> named(Panel panel, String... path) {
        Set<String> codes = new HashSet<>(); // put in order where they are asked for
        if (panel != null && panel.isOk()) {
            JsonNode rows = panel.data();
            for (String step : path) {
                rows = rows.path(step);
            }
            rows.forEach(row -> {
                if (row.path("subject").isTextual()) {
                    codes.add(row.path("subject").asText());
                }
            });
        }
        return codes;
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
