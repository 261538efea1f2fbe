package io.jixiao.survey.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.jixiao.kit.problem.ProblemException.AccessDeniedException;
import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.survey.domain.Channel;
import io.jixiao.survey.domain.RectificationCase;
import io.jixiao.survey.domain.ServiceReview;
import io.jixiao.survey.domain.review.ReviewLevel;
import io.jixiao.survey.repository.RectificationRepository;
import io.jixiao.survey.repository.ReviewRepository;
import io.jixiao.survey.repository.SubjectCopyRepository;

/**
 * 好差评: one rating per service case from the service-hall and app systems; a bad one opens a rectification case due
 * 15 working days later; the department answers and closes it; an admin voids a rating found mistaken or malicious.
 */
@ApplicationScoped
public class ReviewService {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final int WORKING_DAYS_TO_ANSWER = 15;

    public record NewReview(String caseNo, String subject, String serviceItem, ReviewLevel level, Channel channel,
            String comment, OffsetDateTime ratedAt) {
    }

    public record Posted(ServiceReview review, RectificationCase rectification) {
    }

    private final ReviewRepository reviews;
    private final RectificationRepository cases;
    private final SubjectCopyRepository subjects;
    private final CalendarService calendar;

    public ReviewService(ReviewRepository reviews, RectificationRepository cases, SubjectCopyRepository subjects,
            CalendarService calendar) {
        this.reviews = reviews;
        this.cases = cases;
        this.subjects = subjects;
        this.calendar = calendar;
    }

    @Transactional
    public Posted post(NewReview n, CurrentUser caller) {
        if (subjects.findByIdOptional(n.subject()).isEmpty()) {
            throw new RuleViolationException("subject", "subject " + n.subject() + " is not known");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime ratedAt = n.ratedAt() == null ? now : n.ratedAt();
        if (ratedAt.isAfter(now.plusMinutes(5))) {
            throw new InvalidInputException("ratedAt", "a rating cannot be in the future");
        }
        if (reviews.byCase(n.caseNo()).isPresent()) {
            throw new ConflictException("case " + n.caseNo() + " has been rated already: one rating per case");
        }
        ServiceReview r = new ServiceReview();
        r.id = UUID.randomUUID();
        r.caseNo = n.caseNo();
        r.subjectCode = n.subject();
        r.serviceItem = n.serviceItem();
        r.level = n.level();
        r.channel = n.channel() == null ? Channel.HALL : n.channel();
        r.comment = n.comment();
        r.ratedAt = ratedAt;
        r.sourceSystem = caller.subject();
        reviews.persist(r);
        RectificationCase c = null;
        if (r.level.bad()) {
            c = new RectificationCase();
            c.id = UUID.randomUUID();
            c.reviewId = r.id;
            c.subjectCode = r.subjectCode;
            c.openedAt = now;
            LocalDate day = ratedAt.atZoneSameInstant(CHINA).toLocalDate();
            c.dueDate = calendar.from(day).plus(day, WORKING_DAYS_TO_ANSWER);
            cases.persist(c);
        }
        reviews.flush(); // a concurrent post of the same case meets the unique key here, as a 409
        return new Posted(r, c);
    }

    public ServiceReview get(UUID id, CurrentUser caller) {
        ServiceReview r = reviews.findByIdOptional(id).orElseThrow(() -> new ResourceNotFoundException("review", id));
        requireSubjectVisible(r.subjectCode, caller);
        return r;
    }

    public RectificationCase rectificationOf(UUID review) {
        return cases.ofReview(review).orElse(null);
    }

    public Paged<ServiceReview> list(String subject, String month, CurrentUser caller, PageRequest page) {
        String scoped = scope(subject, caller);
        var range = Months.range(month);
        return reviews.page(scoped, range.from(), range.to(), page);
    }

    /**
     * An appeal upheld: the rating is void, and so is its rectification case (answered or not). The review's row is
     * locked as it is read, so a second void sent at the same time reads the first one's result and is refused.
     */
    @Transactional
    public ServiceReview voidReview(UUID id, ServiceReview.VoidReason reason, String note, CurrentUser caller) {
        ServiceReview r = reviews.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new ResourceNotFoundException("review", id));
        r.voidAs(reason, note, caller.subject(), OffsetDateTime.now(ZoneOffset.UTC));
        cases.ofReviewLocked(r.id).ifPresent(RectificationCase::voidWithReview); // not while it is being answered
        return r;
    }

    /** Departments see their own subject only; admins and superiors any (or all, when none is named). */
    public static String scope(String subject, CurrentUser caller) {
        if (caller.hasRole(CurrentUser.ADMIN) || caller.hasRole(CurrentUser.SUPERIOR)) {
            return subject;
        }
        String own = caller.dept().orElseThrow(() -> new AccessDeniedException("a department token names its dept"));
        if (subject != null && !subject.equals(own)) {
            throw new AccessDeniedException("you may only see your own department's reviews, cases and metrics");
        }
        return own;
    }

    static void requireSubjectVisible(String subject, CurrentUser caller) {
        scope(subject, caller);
    }
}
