package io.jixiao.budget.repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.jixiao.budget.domain.KnownSubject;
import io.jixiao.budget.domain.PoliticalInput;
import io.jixiao.budget.domain.ResultInput;
import io.jixiao.budget.domain.RuleTableRow;

/** Read copies of other services' facts, and the rule tables. */
@ApplicationScoped
public class InputRepository {

    private final EntityManager em;

    public InputRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<KnownSubject> subject(String code) {
        return Optional.ofNullable(em.find(KnownSubject.class, code));
    }

    /** The subjects among {@code codes} that this service's copy knows, by code. */
    public Map<String, KnownSubject> subjects(Collection<String> codes) {
        Map<String, KnownSubject> known = new HashMap<>();
        if (!codes.isEmpty()) {
            em.createQuery("from KnownSubject where code in :codes", KnownSubject.class).setParameter("codes", codes)
                    .getResultList().forEach(k -> known.put(k.code, k));
        }
        return known;
    }

    public Optional<ResultInput> result(String subject, String period) {
        return Optional.ofNullable(em.find(ResultInput.class, new ResultInput.Key(subject, period)));
    }

    public Optional<PoliticalInput> political(String subject, String period) {
        return Optional.ofNullable(em.find(PoliticalInput.class, new PoliticalInput.Key(subject, period)));
    }

    /** The latest version of the year's own table, else of the default table (year 0). */
    public RuleTableRow rulesFor(int year) {
        return em.createQuery("from RuleTableRow where fiscalYear in (:y, 0) order by fiscalYear desc, version desc",
                RuleTableRow.class).setParameter("y", year).setMaxResults(1).getResultStream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no rule table at all: migration V2 missing"));
    }

    public java.util.List<ResultInput> results(String period) {
        return em.createQuery("from ResultInput where period = :p", ResultInput.class).setParameter("p", period)
                .getResultList();
    }

    public java.util.List<PoliticalInput> politicals(String period) {
        return em.createQuery("from PoliticalInput where period = :p", PoliticalInput.class).setParameter("p", period)
                .getResultList();
    }

    /** The highest version stored for exactly this year (0 if none). */
    public int lastVersion(int year) {
        Integer v = em.createQuery("select max(r.version) from RuleTableRow r where r.fiscalYear = :y", Integer.class)
                .setParameter("y", year).getSingleResult();
        return v == null ? 0 : v;
    }

    public java.util.List<RuleTableRow> ruleHistory(int year) {
        return em.createQuery("from RuleTableRow where fiscalYear = :y order by version", RuleTableRow.class)
                .setParameter("y", year).getResultList();
    }

    public void lockRules(int year) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:k))").setParameter("k", "rules/" + year)
                .getSingleResult();
    }

    public void persist(Object o) {
        em.persist(o);
    }
}
