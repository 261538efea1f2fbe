package io.jixiao.survey.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.jixiao.survey.domain.ServiceReview;
import io.jixiao.survey.domain.review.ReviewMetrics;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ReviewRepository implements PanacheRepositoryBase<ServiceReview, UUID> {

    public Optional<ServiceReview> byCase(String caseNo) {
        return find("caseNo", caseNo).firstResultOptional();
    }

    /** Reviews rated in [from, to), optionally of one subject, newest first. */
    public Paged<ServiceReview> page(String subject, OffsetDateTime from, OffsetDateTime to, PageRequest page) {
        return Where.all().and("ratedAt >= :from and ratedAt < :to", "from", from, "to", to).eq("subjectCode", subject)
                .page(this, Sort.descending("ratedAt").and("caseNo"), page);
    }

    /**
     * Every subject's counts (ordered by subject code) for reviews rated in [from, to) that were not voided, as of now: bad reviews answered,
     * answered by their due date (in China Standard Time), closed.
     */
    @SuppressWarnings("unchecked")
    public Map<String, ReviewMetrics> metrics(OffsetDateTime from, OffsetDateTime to, String subject) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select r.subject_code, count(*),
                       count(*) filter (where r.level not in ('DISSATISFIED', 'VERY_DISSATISFIED')),
                       count(*) filter (where r.level in ('DISSATISFIED', 'VERY_DISSATISFIED')),
                       count(c.answered_at),
                       count(*) filter (where (c.answered_at at time zone 'Asia/Shanghai')::date <= c.due_date),
                       count(c.closed_at)
                  from service_review r left join rectification_case c on c.review_id = r.id
                 where r.status = 'ACTIVE' and r.rated_at >= ?1 and r.rated_at < ?2
                   and (cast(?3 as varchar) is null or r.subject_code = ?3)
                 group by r.subject_code order by r.subject_code""")
                .setParameter(1, from).setParameter(2, to).setParameter(3, subject).getResultList();
        Map<String, ReviewMetrics> m = new TreeMap<>(); // by subject code
        for (Object[] r : rows) {
            m.put((String) r[0], new ReviewMetrics(n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6])));
        }
        return m;
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }

    /**
     * Records that the scheduled check publishes {@code month} now, unless it was published before: whether this call
     * may publish it. In the caller's transaction, so a failed publication leaves the month unclaimed, and a second
     * replica waits for the first one's commit and then finds the month taken.
     */
    public boolean claimMetricsRun(String month) {
        return getEntityManager().createNativeQuery("insert into review_metrics_run (month, published_at, subjects,"
                + " published_by) values (?1, now(), 0, 'SCHEDULE') on conflict (month) do nothing")
                .setParameter(1, month).executeUpdate() == 1;
    }

    /** Records a month's publication: how many subjects it had, and who published it ({@code SCHEDULE}, {@code ADMIN}). */
    public void recordMetricsRun(String month, int subjects, String by) {
        getEntityManager().createNativeQuery("insert into review_metrics_run (month, published_at, subjects,"
                + " published_by) values (?1, now(), ?2, ?3) on conflict (month) do update set published_at ="
                + " excluded.published_at, subjects = excluded.subjects, published_by = excluded.published_by")
                .setParameter(1, month).setParameter(2, subjects).setParameter(3, by).executeUpdate();
    }
}
