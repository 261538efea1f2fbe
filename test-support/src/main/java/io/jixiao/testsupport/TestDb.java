package io.jixiao.testsupport;

import java.time.Duration;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** What tests read straight from a service's database, or change in it, each in a transaction of its own. */
public final class TestDb {

    private TestDb() {
    }

    /** The number the query returns ({@code select count(*) ...}), with positional parameters ?1, ?2... */
    public static long count(EntityManager em, String sql, Object... params) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) bound(em.createNativeQuery(sql), params).getSingleResult()).longValue());
    }

    /** Runs a statement that changes rows ({@code update ...}), with positional parameters ?1, ?2...; how many. */
    public static int update(EntityManager em, String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> bound(em.createNativeQuery(sql), params).executeUpdate());
    }

    private static Query bound(Query q, Object... params) {
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q;
    }

    /**
     * Waits until {@code n} sessions of the service's database wait for a lock of any kind (a row another transaction
     * changed, or an advisory lock): a test that holds a write inside its transaction sees the writes and changes it
     * sent queue behind it.
     */
    public static void awaitSessionsWaitingForLocks(EntityManager em, int n, String what) {
        Eventually.until(what, Duration.ofSeconds(10), () -> count(em, "select count(*) from pg_stat_activity where"
                + " datname = current_database() and wait_event_type = 'Lock'") == n);
    }

    /**
     * Registers a new subject as indicator-service would (its {@code subject.registered} event on the broker) and waits
     * until the service under test has it in its {@code known_subject} copy. Returns the code.
     */
    public static String registeredSubject(EntityManager em, String bootstrap, String prefix) {
        return registeredSubject(em, bootstrap, prefix, new Object[0]);
    }

    /**
     * The same, with fields of the sample replaced (the sample's subject is active from 2025-01-01): {@code
     * registeredSubject(em, bootstrap, "R", "activeFrom", null)} registers a subject active at all times.
     */
    public static String registeredSubject(EntityManager em, String bootstrap, String prefix, Object... fields) {
        String code = prefix + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String type = "jixiao.indicator.subject.registered.v1";
        Object[] replaced = java.util.Arrays.copyOf(fields, fields.length + 2);
        replaced[fields.length] = "code";
        replaced[fields.length + 1] = code;
        EventSamples.send(bootstrap, "jixiao.indicator.events", type, code, EventSamples.with(type, replaced),
                UUID.randomUUID());
        Eventually.until("subject " + code + " known", Duration.ofSeconds(30),
                () -> count(em, "select count(*) from known_subject where code = ?1", code) == 1);
        return code;
    }
}
