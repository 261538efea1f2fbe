package io.jixiao.survey.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

import io.jixiao.survey.domain.Survey;
import io.jixiao.kit.tx.WriteGate;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SurveyRepository implements PanacheRepositoryBase<Survey, UUID> {

    /** The survey whose group weights define a subject-period's index: the most recently created one. */
    public Optional<Survey> latestFor(String subject, String period) {
        return find("subjectCode = ?1 and period = ?2 order by createdAt desc", subject, period).firstResultOptional();
    }

    /** The key of a survey's {@link WriteGate}: passed by the responses in flight, closed for a change. */
    public static String lockKey(UUID survey) {
        return "survey/" + survey;
    }

    /**
     * Taken before a survey is revised, opened or closed, until that commits: waits for the responses in flight (each
     * holds the lock shared from its first statement, see {@code ResponseRepository#lockDeviceAndReadSurveyVersion})
     * and holds back new ones, which then find the survey at its new version.
     */
    public void lockForChange(UUID survey) {
        WriteGate.exclusive(getEntityManager(), lockKey(survey));
    }

    /**
     * A survey for reading only (the public form, and the survey a response is scored against): Hibernate keeps no
     * snapshot of it for dirty checking. Its questions and group weights are JSON, and the snapshot and the check
     * serialized and parsed them again in every response's transaction. Changes to the returned survey are not saved.
     */
    public Optional<Survey> findReadOnly(UUID id) {
        return getEntityManager().unwrap(Session.class).byId(Survey.class).withReadOnly(true).loadOptional(id);
    }
}
