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

    public java.util.Map<String, ScorecardInput> scorecards(String period) {
        java.util.Map<String, ScorecardInput> m = new java.util.HashMap<>();
        em.createQuery("from ScorecardInput where period = :p", ScorecardInput.class).setParameter("p", period)
                .getResultList().forEach(x -> m.put(x.subjectCode, x));
        return m;
    }

    public java.util.Map<String, SatisfactionInput> satisfactions(String period) {
        java.util.Map<String, SatisfactionInput> m = new java.util.HashMap<>();
        em.createQuery("from SatisfactionInput where period = :p", SatisfactionInput.class).setParameter("p", period)
                .getResultList().forEach(x -> m.put(x.subjectCode, x));
        return m;
    }

    public void persist(Object entity) {
        em.persist(entity);
    }
}
