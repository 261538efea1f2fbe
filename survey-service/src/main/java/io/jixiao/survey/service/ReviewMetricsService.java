package io.jixiao.survey.service;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.jixiao.kit.outbox.Outbox;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.sql.DatabaseOutage;
import io.jixiao.survey.config.SurveyConfig;
import io.jixiao.survey.domain.review.ReviewMetrics;
import io.jixiao.survey.messaging.SurveyEvents;
import io.jixiao.survey.messaging.SurveyEvents.ServiceMetricsComputed;
import io.jixiao.survey.repository.ReviewRepository;
import io.quarkus.scheduler.Scheduled;

/**
 * Monthly 好差评 metrics per subject: computed on demand, and published as {@code service-metrics.computed} events
 * (which indicator-service turns into PUBLIC-dimension values) once for the month before, from 02:00 on the 1st (an
 * hourly check, so a service that was away then publishes when it is back), or when an admin asks (a re-publication
 * replaces the values, as a correction).
 */
@ApplicationScoped
public class ReviewMetricsService {

    private static final Logger LOG = Logger.getLogger(ReviewMetricsService.class);

    /** When, on the 1st (China time), the month before is due: its last day's ratings have arrived. */
    private static final LocalTime DUE_AT = LocalTime.of(2, 0);

    public record SubjectMetrics(String subject, String month, ReviewMetrics metrics) {
    }

    private final ReviewRepository reviews;
    private final Outbox outbox;
    private final SurveyConfig config;

    public ReviewMetricsService(ReviewRepository reviews, Outbox outbox, SurveyConfig config) {
        this.reviews = reviews;
        this.outbox = outbox;
        this.config = config;
    }

    /** The month's figures, as of now, for the subjects the caller may see (departments: their own). */
    public List<SubjectMetrics> compute(String month, String subject, CurrentUser caller) {
        return compute(month, ReviewService.scope(subject, caller));
    }

    private List<SubjectMetrics> compute(String month, String subject) {
        Months.Range range = Months.range(month);
        Map<String, ReviewMetrics> m = reviews.metrics(range.from(), range.to(), subject);
        List<SubjectMetrics> out = new ArrayList<>();
        m.forEach((s, metrics) -> out.add(new SubjectMetrics(s, range.month().toString(), metrics)));
        return out;
    }

    /**
     * Publishes every subject's metrics of a month, in one transaction with the outbox rows, at an admin's request
     * (also again, as a correction), and records it.
     */
    @Transactional
    public List<SubjectMetrics> publish(String month) {
        List<SubjectMetrics> all = publishEvents(month);
        reviews.recordMetricsRun(Months.range(month).month().toString(), all.size(), "ADMIN");
        return all;
    }

    /**
     * Publishes the month before {@code now} (China time) once, from 02:00 on the 1st: the month of how many subjects,
     * or empty when it is not due yet or was published already.
     */
    @Transactional
    public Optional<String> publishDue(LocalDateTime now) {
        if (now.isBefore(now.toLocalDate().withDayOfMonth(1).atTime(DUE_AT))) {
            return Optional.empty();
        }
        String month = YearMonth.from(now).minusMonths(1).toString();
        if (!reviews.claimMetricsRun(month)) {
            return Optional.empty();
        }
        int subjects = publishEvents(month).size();
        reviews.recordMetricsRun(month, subjects, "SCHEDULE");
        return Optional.of(month + " for " + subjects + " subject(s)");
    }

    private List<SubjectMetrics> publishEvents(String month) {
        List<SubjectMetrics> all = compute(month, (String) null);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (SubjectMetrics s : all) {
            ReviewMetrics m = s.metrics();
            outbox.publish(config.topic(), SurveyEvents.SERVICE_METRICS_COMPUTED, s.subject(),
                    new ServiceMetricsComputed(s.subject(), s.month(), m.reviews(), m.goodReviews(), m.badReviews(),
                            m.answered(), m.answeredOnTime(), m.closed(), m.responseRate(), m.rectificationRate(),
                            m.onTimeRate(), m.goodRate(), now));
        }
        return all;
    }

    /**
     * Every hour: last month's metrics, once they are due. A service or database that was away at 02:00 on the 1st
     * publishes them within the hour after it is back.
     */
    @Scheduled(cron = "${jixiao.survey.review-metrics-cron}", timeZone = "Asia/Shanghai", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void publishLastMonthWhenDue() {
        DatabaseOutage.orWait(() -> publishDue(LocalDateTime.now(ReviewService.CHINA))
                .ifPresent(published -> LOG.infof("published the 好差评 metrics of %s", published)), LOG,
                "publishing last month's 好差评 metrics (looked at again within the hour)");
    }
}
