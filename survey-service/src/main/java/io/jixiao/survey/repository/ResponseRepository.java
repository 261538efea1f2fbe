package io.jixiao.survey.repository;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.kit.sql.Rows;
import io.jixiao.survey.domain.SurveyResponse;
import io.jixiao.survey.domain.index.GroupStats;
import io.jixiao.survey.domain.index.RespondentGroup;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ResponseRepository implements PanacheRepositoryBase<SurveyResponse, UUID> {

    private final ObjectMapper json;

    public ResponseRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * What one device did lately: answers to this survey within the throttle window, to anything in the burst one; and
     * the survey of the response that already has the id the page chose, if one has it (null otherwise).
     */
    public record DeviceActivity(long inWindowForSurvey, java.time.OffsetDateTime oldestInWindow, long inBurstWindow,
            UUID surveyOfSameId) {
    }

    /**
     * Locks the device (a transaction-scoped advisory lock on its fingerprint, so that its concurrent submissions are
     * counted one after the other) and the page's {@code responseId} if it sent one (so that the same response sent
     * again from another address while the first is in flight waits for it, and is then answered as received, not
     * refused as a clash of ids), passes the survey's {@link io.jixiao.kit.tx.WriteGate} (a change to the survey waits
     * for this response to commit), and reads the survey's version, in one statement. Empty when there is no such
     * survey. The version is read with the statement's snapshot, taken before the locks were granted, so
     * {@link #insert} checks it again. The locks are taken in that order by every response, so two responses never
     * wait on each other both ways.
     */
    public Optional<Long> lockDeviceAndReadSurveyVersion(String fingerprint, UUID survey, UUID responseId) {
        List<?> version = getEntityManager().unwrap(Session.class).createNativeQuery("select s.version from survey s,"
                + " (select pg_advisory_xact_lock(hashtextextended(?1, 7)),"
                + " case when ?4 is not null then pg_advisory_xact_lock(hashtextextended('response/' || ?4, 0)) end,"
                + " pg_advisory_xact_lock_shared(hashtextextended(?3, 0))) l where s.id = ?2")
                .setParameter(1, fingerprint).setParameter(2, survey).setParameter(3, SurveyRepository.lockKey(survey))
                .setParameter(4, responseId == null ? null : responseId.toString(), String.class).getResultList();
        return version.stream().findFirst().map(v -> ((Number) v).longValue());
    }

    /**
     * The locked device's recent responses (see {@link #lockDeviceAndReadSurveyVersion}), and whether a response with
     * {@code responseId} exists already. This statement runs after the device's lock was granted, so it sees a first
     * attempt of the same response that committed while this one waited.
     */
    public DeviceActivity deviceActivity(String fingerprint, UUID survey, java.time.OffsetDateTime windowStart,
            java.time.OffsetDateTime burstStart, UUID responseId) {
        Object[] r = (Object[]) getEntityManager().unwrap(Session.class).createNativeQuery("""
                select count(*) filter (where survey_id = ?2 and submitted_at >= ?3),
                       min(submitted_at) filter (where survey_id = ?2 and submitted_at >= ?3),
                       count(*) filter (where submitted_at >= ?4),
                       (select same.survey_id from survey_response same where same.id = ?6)
                  from survey_response
                 where fingerprint = ?1 and submitted_at >= ?5""")
                .setParameter(1, fingerprint).setParameter(2, survey).setParameter(3, windowStart)
                .setParameter(4, burstStart)
                .setParameter(5, windowStart.isBefore(burstStart) ? windowStart : burstStart)
                .setParameter(6, responseId, UUID.class)
                .getSingleResult();
        return new DeviceActivity(((Number) r[0]).longValue(), Rows.timestamp(r[1]), ((Number) r[2]).longValue(),
                (UUID) r[3]);
    }

    /**
     * Inserts a new response and, when it counts towards the index, its own recompute mark for its subject-period, in
     * one statement; false, inserting nothing, when the survey is no longer at {@code surveyVersion} (it changed, or
     * closed, while this response was checked against it). The mark is the response's own, not shared with other
     * responses, so a recompute that cannot see the response yet cannot take its mark either, and no response waits on
     * another's lock. This path never changes a response afterwards, so it is written directly rather than through the
     * persistence context; its JSON columns are read back by the entity.
     */
    public boolean insert(SurveyResponse r, boolean markDirty, long surveyVersion) {
        return ((Number) getEntityManager().unwrap(Session.class).createNativeQuery("""
                with r as (insert into survey_response (id, survey_id, subject_code, period, respondent, channel,
                               fingerprint, token_batch, duration_ms, score, status, flags, answers, submitted_at)
                           select ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, cast(?12 as jsonb),
                                  cast(?13 as jsonb), ?14
                            where exists (select 1 from survey where id = ?2 and version = ?16)
                           returning subject_code, period),
                     m as (insert into satisfaction_dirty (subject_code, period)
                           select subject_code, period from r where ?15)
                select count(*) from r""")
                .setParameter(1, r.id).setParameter(2, r.surveyId).setParameter(3, r.subjectCode)
                .setParameter(4, r.period).setParameter(5, r.respondent.name()).setParameter(6, r.channel.name())
                .setParameter(7, r.fingerprint).setParameter(8, r.tokenBatch, UUID.class)
                .setParameter(9, r.durationMs, Long.class).setParameter(10, r.score, BigDecimal.class)
                .setParameter(11, r.status.name()).setParameter(12, json(r.flags)).setParameter(13, json(r.answers))
                .setParameter(14, r.submittedAt).setParameter(15, markDirty).setParameter(16, surveyVersion)
                .getSingleResult()).intValue() == 1;
    }

    private String json(Object column) {
        try {
            return json.writeValueAsString(column);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response's own column did not serialize", e);
        }
    }

    /** Marks the subject-period for recompute (a held response accepted on review), with a mark of its own. */
    public void markDirty(String subject, String period) {
        getEntityManager().createNativeQuery("insert into satisfaction_dirty (subject_code, period) values (?1, ?2)")
                .setParameter(1, subject).setParameter(2, period).executeUpdate();
    }

    /** The subject-periods with a recompute mark. */
    @SuppressWarnings("unchecked")
    public List<Object[]> marked() {
        return getEntityManager().createNativeQuery("select distinct subject_code, period from satisfaction_dirty")
                .getResultList();
    }

    /**
     * Deletes the marks of a subject-period that this statement can see, and says how many. A mark committed later,
     * with a response the caller's reads may miss, stays for the next round. When another recompute of the same
     * subject-period holds marks (another replica), this waits for it to commit and then reads after it, so an older
     * index never overwrites a newer one.
     */
    public int takeMarks(String subject, String period) {
        return getEntityManager().createNativeQuery("delete from satisfaction_dirty where subject_code = ?1 and"
                + " period = ?2").setParameter(1, subject).setParameter(2, period).executeUpdate();
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
