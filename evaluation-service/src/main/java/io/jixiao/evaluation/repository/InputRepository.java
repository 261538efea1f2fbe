package io.jixiao.evaluation.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.jixiao.evaluation.domain.KnownSubject;
import io.jixiao.evaluation.domain.SatisfactionInput;
import io.jixiao.evaluation.domain.ScorecardInput;

/** This service's read copies of other services' facts. */
@ApplicationScoped
public class InputRepository {

    private final EntityManager em;

    public InputRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<KnownSubject> subject(String code) {
        return Optional.ofNullable(em.find(KnownSubject.class, code));
    }

    public Optional<ScorecardInput> scorecard(String subject, String period) {
        return Optional.ofNullable(em.find(ScorecardInput.class, new ScorecardInput.Key(subject, period)));
    }

    public Optional<SatisfactionInput> satisfaction(String subject, String period) {
        return Optional.ofNullable(em.find(SatisfactionInput.class, new SatisfactionInput.Key(subject, period)));
    }

    public void persist(Object entity) {
        em.persist(entity);
    }
}
