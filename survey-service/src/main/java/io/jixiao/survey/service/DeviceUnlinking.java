package io.jixiao.survey.service;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.jixiao.survey.config.SurveyConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Unlinks the responses of surveys closed longer than {@code jixiao.survey.device-retention} from their devices: each
 * survey's fingerprints are replaced, in one statement, by SHA-256 of a random key and the fingerprint, the key
 * drawn for that survey and dropped. The throttle and the automation flags need a device only while the survey is
 * open, and an admin judging held responses only until soon after; a fingerprint kept for ever would link a
 * citizen's answers across every survey and year. Distinct devices within the survey stay distinct, so its integrity
 * figures do not change.
 */
@ApplicationScoped
public class DeviceUnlinking {

    private static final Logger LOG = Logger.getLogger(DeviceUnlinking.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final SurveyConfig config;

    public DeviceUnlinking(EntityManager em, SurveyConfig config) {
        this.em = em;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void hourly() {
        try {
            unlinkClosedBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(config.deviceRetention()));
        } catch (RuntimeException e) {
            LOG.warnf("unlinking devices failed, to be tried again within the hour: %s", e.toString());
        }
    }

    /** Unlinks every survey closed before {@code cutoff} and not unlinked yet, one transaction each; how many. */
    public int unlinkClosedBefore(OffsetDateTime cutoff) {
        int surveys = 0;
        while (QuarkusTransaction.requiringNew().call(() -> unlinkOne(cutoff))) {
            surveys++;
        }
        return surveys;
    }

    private boolean unlinkOne(OffsetDateTime cutoff) {
        List<?> found = em.createNativeQuery("select id from survey where status = 'CLOSED' and devices_unlinked_at"
                + " is null and closed_at < ?1 order by closed_at limit 1 for update skip locked")
                .setParameter(1, cutoff).getResultList();
        if (found.isEmpty()) {
            return false;
        }
        UUID survey = (UUID) found.get(0);
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        int responses = em.createNativeQuery("update survey_response set fingerprint = encode(sha256(?2 ||"
                + " convert_to(fingerprint, 'UTF8')), 'hex') where survey_id = ?1").setParameter(1, survey)
                .setParameter(2, key).executeUpdate();
        em.createNativeQuery("update survey set devices_unlinked_at = now() where id = ?1").setParameter(1, survey)
                .executeUpdate();
        LOG.infof("survey %s: %d responses unlinked from their devices", survey, responses);
        return true;
    }
}
