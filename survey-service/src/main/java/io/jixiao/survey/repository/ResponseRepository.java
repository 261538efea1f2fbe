package io.jixiao.survey.repository;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.survey.domain.SurveyResponse;
import io.jixiao.survey.domain.index.GroupStats;
import io.jixiao.survey.domain.index.RespondentGroup;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ResponseRepository implements PanacheRepositoryBase<SurveyResponse, UUID> {

    /** What one device did lately: answers to this survey within the throttle window, to anything in the burst one. */
    public record DeviceActivity(long inWindowForSurvey, java.time.OffsetDateTime oldestInWindow, long inBurstWindow) {
    }

    /**
     * Locks the device (transaction-scoped advisory lock on its fingerprint, so its concurrent submissions are
     * counted one after the other) and counts its recent responses.
     */
    public DeviceActivity deviceActivity(String fingerprint, UUID survey, java.time.OffsetDateTime windowStart,
            java.time.OffsetDateTime burstStart) {
        getEntityManager().createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 7)))"
                + " l").setParameter(1, fingerprint).getSingleResult();
        Object[] r = (Object[]) getEntityManager().createNativeQuery("""
                select count(*) filter (where survey_id = ?2 and submitted_at >= ?3),
                       min(submitted_at) filter (where survey_id = ?2 and submitted_at >= ?3),
                       count(*) filter (where submitted_at >= ?4)
                  from survey_response
                 where fingerprint = ?1 and submitted_at >= ?5""")
                .setParameter(1, fingerprint).setParameter(2, survey).setParameter(3, windowStart)
                .setParameter(4, burstStart)
                .setParameter(5, windowStart.isBefore(burstStart) ? windowStart : burstStart)
                .getSingleResult();
        return new DeviceActivity(((Number) r[0]).longValue(), Rows.timestamp(r[1]), ((Number) r[2]).longValue());
    }

    /** Marks the subject-period for recompute, in the response's transaction; no lock on an existing mark. */
    public void markDirty(String subject, String period) {
        getEntityManager().createNativeQuery("insert into satisfaction_dirty (subject_code, period) values (?1, ?2)"
                + " on conflict do nothing").setParameter(1, subject).setParameter(2, period).executeUpdate();
    }

    /** Takes one marked subject-period (skipping those another recompute holds); empty when none. */
    @SuppressWarnings("unchecked")
    public List<Object[]> takeDirty(int max) {
        return getEntityManager().createNativeQuery("delete from satisfaction_dirty where ctid in (select ctid from"
                + " satisfaction_dirty limit ?1 for update skip locked) returning subject_code, period")
                .setParameter(1, max).getResultList();
    }

    /** Per-group n, mean and sample standard deviation of the counted responses, computed by PostgreSQL. */
    @SuppressWarnings("unchecked")
    public Map<RespondentGroup, GroupStats> groupStats(String subject, String period) {
        List<Object[]> rows = getEntityManager().createNativeQuery("select respondent, count(*), avg(score),"
                + " coalesce(stddev_samp(score), 0) from survey_response where subject_code = ?1 and period = ?2"
                + " and status = 'COUNTED' and score is not null group by respondent")
                .setParameter(1, subject).setParameter(2, period).getResultList();
        Map<RespondentGroup, GroupStats> m = new EnumMap<>(RespondentGroup.class);
        for (Object[] r : rows) {
            m.put(RespondentGroup.valueOf((String) r[0]), new GroupStats(((Number) r[1]).longValue(),
                    (BigDecimal) r[2], (BigDecimal) r[3]));
        }
        return m;
    }
}
