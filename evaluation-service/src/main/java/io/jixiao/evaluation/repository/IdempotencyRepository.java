package io.jixiao.evaluation.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Stored answers of requests sent with an {@code Idempotency-Key}, per caller. */
@ApplicationScoped
public class IdempotencyRepository {

    public record Stored(String requestHash, String response) {
    }

    private final EntityManager em;

    public IdempotencyRepository(EntityManager em) {
        this.em = em;
    }

    /** Locks the key for this transaction (a concurrent replay waits) and returns what was stored, if anything. */
    @SuppressWarnings("unchecked")
    public Optional<Stored> find(String caller, String key) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:k))").setParameter("k", caller + "|" + key)
                .getSingleResult();
        List<Object[]> rows = em.createNativeQuery("select request_hash, cast(response as text) from idempotency_key"
                + " where caller = :c and key = :k").setParameter("c", caller).setParameter("k", key).getResultList();
        return rows.stream().findFirst().map(r -> new Stored(r[0].toString(), r[1].toString()));
    }

    public void save(String caller, String key, String requestHash, String responseJson) {
        em.createNativeQuery("insert into idempotency_key (caller, key, request_hash, response, created_at)"
                + " values (:c, :k, :h, cast(:r as jsonb), now())").setParameter("c", caller).setParameter("k", key)
                .setParameter("h", requestHash).setParameter("r", responseJson).executeUpdate();
    }
}
