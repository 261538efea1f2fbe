package io.jixiao.survey.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.kit.problem.Problem;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.survey.domain.Access;
import io.jixiao.survey.domain.Survey;
import io.jixiao.survey.domain.SurveyStatus;
import io.jixiao.survey.domain.index.Question;
import io.jixiao.survey.domain.index.QuestionType;
import io.jixiao.survey.domain.index.RespondentGroup;
import io.jixiao.survey.repository.SubjectCopyRepository;
import io.jixiao.survey.repository.SurveyRepository;
import io.quarkus.panache.common.Sort;

/** Survey definitions and their lifecycle DRAFT → OPEN → CLOSED. */
@ApplicationScoped
public class SurveyService {

    public record NewSurvey(String subject, String period, String titleZh, String titleEn, Access access,
            Map<RespondentGroup, BigDecimal> groupWeights, List<Question> questions) {
    }

    private final SurveyRepository surveys;
    private final SubjectCopyRepository subjects;

    public SurveyService(SurveyRepository surveys, SubjectCopyRepository subjects) {
        this.surveys = surveys;
        this.subjects = subjects;
    }

    @Transactional
    public Survey create(NewSurvey n) {
        if (subjects.findByIdOptional(n.subject()).isEmpty()) {
            throw new RuleViolationException("subject", "unknown subject " + n.subject()
                    + ": subjects must be registered in indicator-service first");
        }
        List<Problem.Violation> v = new ArrayList<>();
        n.groupWeights().forEach((g, w) -> {
            if (w == null || w.signum() <= 0) {
                v.add(new Problem.Violation("groupWeights." + g, "must be positive"));
            }
        });
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < n.questions().size(); i++) {
            Question q = n.questions().get(i);
            String f = "questions[" + i + "]";
            if (!codes.add(q.code())) {
                v.add(new Problem.Violation(f + ".code", "duplicate question code " + q.code()));
            }
            if (!n.groupWeights().containsKey(q.group())) {
                v.add(new Problem.Violation(f + ".group", "group " + q.group() + " has no weight in groupWeights"));
            }
            boolean choice = q.type() == QuestionType.SINGLE_CHOICE || q.type() == QuestionType.MULTIPLE_CHOICE;
            if (choice && (q.options() == null || q.options().size() < 2)) {
                v.add(new Problem.Violation(f + ".options", "a choice question needs at least two options"));
            }
            if (q.options() != null) {
                Set<String> oc = new HashSet<>();
                for (Question.Option o : q.options()) {
                    if (!oc.add(o.code())) {
                        v.add(new Problem.Violation(f + ".options", "duplicate option " + o.code()));
                    }
                    if (o.points() != null
                            && (o.points().signum() < 0 || o.points().compareTo(BigDecimal.valueOf(100)) > 0)) {
                        v.add(new Problem.Violation(f + ".options", "points must be between 0 and 100"));
                    }
                }
            }
        }
        for (RespondentGroup g : n.groupWeights().keySet()) {
            if (n.questions().stream().noneMatch(q -> q.group() == g && q.scored())) {
                v.add(new Problem.Violation("questions", "group " + g + " has no scored question"));
            }
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        Survey s = new Survey(n.subject(), n.period(), n.titleZh(), n.titleEn(),
                n.access() == null ? Access.PUBLIC : n.access(), n.groupWeights(), n.questions());
        surveys.persist(s);
        return s;
    }

    public Survey get(UUID id) {
        return surveys.findByIdOptional(id).orElseThrow(() -> new ResourceNotFoundException("survey", id));
    }

    /** The public form: only open surveys exist for the public. */
    public Survey publicForm(UUID id) {
        Survey s = surveys.findByIdOptional(id).filter(x -> x.status != SurveyStatus.DRAFT)
                .orElseThrow(() -> new ResourceNotFoundException("survey", id));
        s.requireOpen();
        return s;
    }

    public Paged<Survey> list(PageRequest page) {
        var q = surveys.findAll(Sort.by("createdAt").descending().and("id"));
        return Paged.of(q.page(page.page(), page.size()).list(), page, q.count());
    }

    @Transactional
    public Survey open(UUID id) {
        Survey s = get(id);
        s.open();
        return s;
    }

    @Transactional
    public Survey close(UUID id) {
        Survey s = get(id);
        s.close();
        return s;
    }
}
