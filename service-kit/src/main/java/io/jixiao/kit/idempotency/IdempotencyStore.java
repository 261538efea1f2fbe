package io.jixiao.kit.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.jixiao.kit.tx.WriteGate;

/**
 * Answers of requests sent with an {@code Idempotency-Key}, per caller, in the service's {@code idempotency_key} table.
 * Both calls belong to the transaction of the request's effect.
 */
@ApplicationScoped
public class IdempotencyStore {

    /** What the first request with a key sent and got. */
    public record Stored(String requestHash, String response) {
    }

    private final EntityManager em;

    public IdempotencyStore(EntityManager em) {
        this.em = em;
    }

    /**
     * Locks the caller's key until the transaction ends, so that the same key sent twice at once runs once and the
     * second replays the first's answer, then returns what was stored for it, if anything.
     */
    @SuppressWarnings("unchecked")
    public Optional<Stored> find(String caller, String key) {
        WriteGate.exclusive(em, "idempotency/" + caller + "|" + key);
        List<Object[]> rows = em.createNativeQuery("select request_hash, cast(response as text) from idempotency_key"
                + " where caller = ?1 and key = ?2").setParameter(1, caller).setParameter(2, key).getResultList();
        return rows.stream().findFirst().map(r -> new Stored(r[0].toString(), r[1].toString()));
    }

    public void save(String caller, String key, String requestHash, String responseJson) {
        em.createNativeQuery("insert into idempotency_key (caller, key, request_hash, response, created_at)"
                + " values (?1, ?2, ?3, cast(?4 as jsonb), now())").setParameter(1, caller).setParameter(2, key)
                .setParameter(3, requestHash).setParameter(4, responseJson).executeUpdate();
    }

    /** The hex SHA-256 of a request's canonical text: what identifies it under its key. */
    public static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
