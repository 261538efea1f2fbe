package io.jixiao.survey.service;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.jixiao.kit.outbox.Outbox;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.survey.config.SurveyConfig;
import io.jixiao.survey.domain.review.ReviewMetrics;
import io.jixiao.survey.messaging.SurveyEvents;
import io.jixiao.survey.messaging.SurveyEvents.ServiceMetricsComputed;
import io.jixiao.survey.repository.ReviewRepository;
import io.quarkus.scheduler.Scheduled;

/**
 * Monthly 好差评 metrics per subject: computed on demand, and published as {@code service-metrics.computed} events
 * (which indicator-service turns into PUBLIC-dimension values) on the 1st of each month for the month before, or when
 * an admin asks (a re-publication replaces the values, as a correction).
 */
@ApplicationScoped
public class ReviewMetricsService {

    private static final Logger LOG = Logger.getLogger(ReviewMetricsService.class);

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

    /** Publishes every subject's metrics of a month, in one transaction with the outbox rows. */
    @Transactional
    public List<SubjectMetrics> publish(String month) {
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

    @Scheduled(cron = "${jixiao.survey.review-metrics-cron:0 0 2 1 * ?}", timeZone = "Asia/Shanghai", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void monthly() {
        String last = YearMonth.now(ReviewService.CHINA).minusMonths(1).toString();
        int n = publish(last).size();
        LOG.infof("published the 好差评 metrics of %s for %d subject(s)", last, n);
    }
}
