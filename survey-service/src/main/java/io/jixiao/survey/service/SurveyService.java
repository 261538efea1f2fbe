package io.jixiao.survey.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.jixiao.kit.period.Period;
import io.jixiao.kit.problem.Problem;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.problem.ProblemException.PreconditionFailedException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.sql.DatabaseOutage;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.jixiao.survey.domain.Access;
import io.jixiao.survey.domain.KnownSubject;
import io.jixiao.survey.domain.Survey;
import io.jixiao.survey.domain.SurveyStatus;
import io.jixiao.survey.domain.index.Question;
import io.jixiao.survey.domain.index.QuestionType;
import io.jixiao.survey.domain.index.RespondentGroup;
import io.jixiao.survey.repository.ResponseRepository;
import io.jixiao.survey.repository.SubjectCopyRepository;
import io.jixiao.survey.repository.SurveyRepository;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;

/** Survey definitions and their lifecycle DRAFT → OPEN → CLOSED. */
@ApplicationScoped
public class SurveyService {

    public record NewSurvey(String subject, String period, String titleZh, String titleEn, Access access,
            Map<RespondentGroup, BigDecimal> groupWeights, List<Question> questions, String serviceItem,
            OffsetDateTime opensAt, OffsetDateTime closesAt) {
    }

    /** A revision of a survey's texts, service item, schedule, weights and questions. */
    public record Revision(String titleZh, String titleEn, String serviceItem, OffsetDateTime opensAt,
            OffsetDateTime closesAt, Map<RespondentGroup, BigDecimal> groupWeights, List<Question> questions) {
    }

    private static final Logger LOG = Logger.getLogger(SurveyService.class);
    private static final int MAX_FORMS = 1000;

    /** Parsed public forms by survey, each at the version it was read at (see {@link #publicForm(UUID, long)}). */
    private final Map<UUID, Survey> forms = new java.util.concurrent.ConcurrentHashMap<>();

    private final SurveyRepository surveys;
    private final SubjectCopyRepository subjects;
    private final ResponseRepository responses;

    public SurveyService(SurveyRepository surveys, SubjectCopyRepository subjects, ResponseRepository responses) {
        this.surveys = surveys;
        this.subjects = subjects;
        this.responses = responses;
    }

    @Transactional
    public Survey create(NewSurvey n) {
        KnownSubject subject = subjects.findByIdOptional(n.subject()).orElseThrow(() -> new RuleViolationException(
                "subject",
                "unknown subject " + n.subject() + ": subjects must be registered in indicator-service first"));
        if (Period.valid(n.period()) && !subject.active().overlaps(n.period())) {
            throw new RuleViolationException("period", subject.active().refusal(subject.code, n.period(), "survey"));
        }
        validate(n.groupWeights(), n.questions());
        Survey s = new Survey(n.subject(), n.period(), n.titleZh(), n.titleEn(),
                n.access() == null ? Access.PUBLIC : n.access(), n.groupWeights(), n.questions());
        s.serviceItem = n.serviceItem();
        s.schedule(n.opensAt(), n.closesAt());
        surveys.persist(s);
        return s;
    }

    /**
     * Revises a survey (If-Match: the version the caller saw, when given). Its scored questions are frozen once it has
     * responses; a closed survey does not change.
     */
    @Transactional
    public Survey revise(UUID id, Long expectedVersion, Revision r) {
        surveys.lockForChange(id);
        Survey s = get(id);
        if (expectedVersion != null && expectedVersion != s.version) {
            throw new PreconditionFailedException("the survey changed since version " + expectedVersion
                    + "; it is now at " + s.version);
        }
        validate(r.groupWeights(), r.questions());
        s.revise(r.titleZh(), r.titleEn(), r.serviceItem(), r.groupWeights(), r.questions(),
                responses.count("surveyId", id) > 0);
        s.schedule(r.opensAt(), r.closesAt());
        return s;
    }

    @Scheduled(every = "${jixiao.survey.close-check-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void closeEndedOnSchedule() {
        DatabaseOutage.orWait(this::closeEnded, LOG, "closing ended surveys");
    }

    /** Closes the open surveys whose answering window has ended; how many it closed. */
    @Transactional
    public int closeEnded() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int closed = 0;
        for (Survey s : surveys.list("status = ?1 and closesAt <= ?2", SurveyStatus.OPEN, now)) {
            surveys.lockForChange(s.id);
            surveys.getEntityManager().refresh(s);
            if (s.closeIfEnded(now)) {
                closed++;
            }
        }
        if (closed > 0) {
            LOG.infof("closed %d survey(s) whose window ended", closed);
        }
        return closed;
    }

    private static void validate(Map<RespondentGroup, BigDecimal> groupWeights, List<Question> questions) {
        List<Problem.Violation> v = new ArrayList<>();
        groupWeights.forEach((g, w) -> {
            if (w == null || w.signum() <= 0) {
                v.add(new Problem.Violation("groupWeights." + g, "must be positive"));
            }
        });
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            String f = "questions[" + i + "]";
            if (!codes.add(q.code())) {
                v.add(new Problem.Violation(f + ".code", "duplicate question code " + q.code()));
            }
            if (!groupWeights.containsKey(q.group())) {
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
        for (RespondentGroup g : groupWeights.keySet()) {
            if (questions.stream().noneMatch(q -> q.group() == g && q.scored())) {
                v.add(new Problem.Violation("questions", "group " + g + " has no scored question"));
            }
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
    }

    public Survey get(UUID id) {
        return surveys.findByIdOptional(id).orElseThrow(() -> new ResourceNotFoundException("survey", id));
    }

    /** The public form: only open surveys exist for the public. */
    public Survey publicForm(UUID id) {
        return requirePublic(id, surveys.findReadOnly(id).orElse(null));
    }

    /**
     * The public form a response is scored against, at the version the caller has just read from the database in
     * its own transaction. Each version is loaded and parsed once and then shared, read-only, by the responses that
     * follow; any change to a survey (opening, closing, a new schedule or text) raises its version, so a response
     * never meets a stale form, whichever replica changed it.
     */
    public Survey publicForm(UUID id, long version) {
        Survey s = forms.get(id);
        if (s == null || s.version != version) {
            s = surveys.findReadOnly(id).orElse(null);
            if (s != null) {
                if (forms.size() >= MAX_FORMS) {
                    forms.clear();
                }
                forms.put(id, s);
            }
        }
        return requirePublic(id, s);
    }

    private static Survey requirePublic(UUID id, Survey s) {
        if (s == null || s.status == SurveyStatus.DRAFT) {
            throw new ResourceNotFoundException("survey", id);
        }
        s.requireOpen(OffsetDateTime.now(ZoneOffset.UTC));
        return s;
    }

    /** What a survey list is narrowed to; a null field narrows nothing. */
    public record Filter(String subject, String period, SurveyStatus status) {
    }

    /** The surveys matching {@code f}, newest first; a department's list is its own subject's, whatever it asks. */
    public Paged<Survey> list(Filter f, CurrentUser caller, PageRequest page) {
        String subject = f.subject();
        if (caller.hasRole(CurrentUser.DEPARTMENT)) {
            if (subject == null) {
                subject = caller.dept().orElse("");
            }
            caller.requireOwnIfDepartment(subject, "surveys");
        }
        return Where.all().eq("subjectCode", subject).eq("period", f.period()).eq("status", f.status())
                .page(surveys, Sort.by("createdAt").descending().and("id"), page);
    }

    @Transactional
    public Survey open(UUID id) {
        surveys.lockForChange(id);
        Survey s = get(id);
        s.open();
        return s;
    }

    @Transactional
    public Survey close(UUID id) {
        surveys.lockForChange(id);
        Survey s = get(id);
        s.close();
        return s;
    }
}
