package io.jixiao.survey.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

import io.jixiao.survey.domain.Survey;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SurveyRepository implements PanacheRepositoryBase<Survey, UUID> {

    /** The survey whose group weights define a subject-period's index: the most recently created one. */
    public Optional<Survey> latestFor(String subject, String period) {
        return find("subjectCode = ?1 and period = ?2 order by createdAt desc", subject, period).firstResultOptional();
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
