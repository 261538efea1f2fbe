package io.jixiao.survey.repository;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.survey.domain.Survey;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SurveyRepository implements PanacheRepositoryBase<Survey, UUID> {

    /** The survey whose group weights define a subject-period's index: the most recently created one. */
    public Optional<Survey> latestFor(String subject, String period) {
        return find("subjectCode = ?1 and period = ?2 order by createdAt desc", subject, period).firstResultOptional();
    }
}
