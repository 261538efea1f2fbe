package io.jixiao.survey.repository;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.survey.domain.RectificationCase;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class RectificationRepository implements PanacheRepositoryBase<RectificationCase, UUID> {

    public Optional<RectificationCase> ofReview(UUID review) {
        return find("reviewId", review).firstResultOptional();
    }

    /** Cases of a subject (or all), by status; {@code overdueOn} keeps the unanswered ones past their due date. */
    public Paged<RectificationCase> page(String subject, RectificationCase.Status status, LocalDate overdueOn,
            PageRequest page) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (subject != null) {
            q.append(" and subjectCode = :subject");
            p.and("subject", subject);
        }
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        if (overdueOn != null) {
            q.append(" and status = :open and dueDate < :today");
            p.and("open", RectificationCase.Status.OPEN).and("today", overdueOn);
        }
        var query = find(q.toString(), Sort.ascending("dueDate").and("openedAt"), p);
        return Paged.of(query.page(page.page(), page.size()).list(), page, query.count());
    }
}
