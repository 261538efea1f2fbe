package io.jixiao.survey.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.jixiao.kit.problem.ProblemException.AccessDeniedException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.survey.domain.RectificationAnswer;
import io.jixiao.survey.domain.RectificationCase;
import io.jixiao.survey.domain.ServiceReview;
import io.jixiao.survey.repository.RectificationRepository;
import io.jixiao.survey.repository.ReviewRepository;

/** The department's side of a bad review: its open cases, its answer, and closing the case. */
@ApplicationScoped
public class RectificationService {

    private final RectificationRepository cases;
    private final ReviewService reviews;
    private final ReviewRepository reviewRows;

    public RectificationService(RectificationRepository cases, ReviewService reviews, ReviewRepository reviewRows) {
        this.cases = cases;
        this.reviews = reviews;
        this.reviewRows = reviewRows;
    }

    /** The bad reviews the cases answer (what was rated, and what the citizen said), by review id, in one query. */
    public Map<UUID, ServiceReview> reviewsOf(List<RectificationCase> list) {
        if (list.isEmpty()) {
            return Map.of();
        }
        return reviewRows.list("id in ?1", list.stream().map(c -> c.reviewId).distinct().toList()).stream()
                .collect(Collectors.toMap(r -> r.id, Function.identity()));
    }

    /**
     * The case a bad review opened, for {@code reviews/{id}/rectification}, seen with the review's rules (a
     * department sees its own); a good review has none (404).
     */
    public RectificationCase ofReview(UUID review, CurrentUser caller) {
        reviews.get(review, caller);
        return cases.ofReview(review)
                .orElseThrow(() -> new ResourceNotFoundException("rectification case of review", review));
    }

    public Paged<RectificationCase> list(String subject, RectificationCase.Status status, boolean overdue,
            CurrentUser caller, PageRequest page) {
        return cases.page(ReviewService.scope(subject, caller), status,
                overdue ? LocalDate.now(ReviewService.CHINA) : null, page);
    }

    public RectificationCase get(UUID id, CurrentUser caller) {
        RectificationCase c = find(id);
        ReviewService.requireSubjectVisible(c.subjectCode, caller);
        return c;
    }

    /** The answers given to a case, the first first: a revision never overwrites what was said before. */
    public List<RectificationAnswer> answers(UUID id, CurrentUser caller) {
        get(id, caller);
        return cases.answersOf(id);
    }

    /**
     * Only the department concerned answers (an admin does not answer for it); each answer is kept. The case's row is
     * locked as it is read, so answers sent at the same time become successive revisions instead of colliding.
     */
    @Transactional
    public RectificationCase answer(UUID id, String text, CurrentUser caller) {
        RectificationCase c = lock(id);
        requireOwnDepartment(c, caller);
        cases.keep(c.answer(text, caller.subject(), OffsetDateTime.now(ZoneOffset.UTC)));
        return c;
    }

    /** The department closes its answered case; an admin may close it too. */
    @Transactional
    public RectificationCase close(UUID id, String note, CurrentUser caller) {
        RectificationCase c = lock(id);
        if (!caller.hasRole(CurrentUser.ADMIN)) {
            requireOwnDepartment(c, caller);
        }
        c.close(note, caller.subject(), OffsetDateTime.now(ZoneOffset.UTC));
        return c;
    }

    private RectificationCase lock(UUID id) {
        return cases.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new ResourceNotFoundException("rectification case", id));
    }

    private RectificationCase find(UUID id) {
        return cases.findByIdOptional(id).orElseThrow(() -> new ResourceNotFoundException("rectification case", id));
    }

    private static void requireOwnDepartment(RectificationCase c, CurrentUser caller) {
        if (!caller.hasRole(CurrentUser.DEPARTMENT) || caller.dept().filter(c.subjectCode::equals).isEmpty()) {
            throw new AccessDeniedException("only department " + c.subjectCode + " answers its rectification cases");
        }
    }
}
