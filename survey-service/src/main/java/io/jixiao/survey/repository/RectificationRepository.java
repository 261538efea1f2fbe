package io.jixiao.survey.repository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.jixiao.survey.domain.RectificationAnswer;
import io.jixiao.survey.domain.RectificationCase;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class RectificationRepository implements PanacheRepositoryBase<RectificationCase, UUID> {

    public Optional<RectificationCase> ofReview(UUID review) {
        return find("reviewId", review).firstResultOptional();
    }

    /** The case of a review, its row locked until the transaction ends. */
    public Optional<RectificationCase> ofReviewLocked(UUID review) {
        return find("reviewId", review).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public void keep(RectificationAnswer answer) {
        getEntityManager().persist(answer);
    }

    /** Every answer given to a case, the first first. */
    public List<RectificationAnswer> answersOf(UUID caseId) {
        return getEntityManager().createQuery(
                "from RectificationAnswer where caseId = :c order by revision", RectificationAnswer.class)
                .setParameter("c", caseId).getResultList();
    }

    /** Cases of a subject (or all), by status; {@code overdueOn} keeps the unanswered ones past their due date. */
    public Paged<RectificationCase> page(String subject, RectificationCase.Status status, LocalDate overdueOn,
            PageRequest page) {
        return Where.all().eq("subjectCode", subject).eq("status", status)
                .andIf(overdueOn != null, "status = :open and dueDate < :today", "open", RectificationCase.Status.OPEN,
                        "today", overdueOn)
                .page(this, Sort.ascending("dueDate").and("openedAt").and("id"), page); // id: a stable order across pages
    }
}
