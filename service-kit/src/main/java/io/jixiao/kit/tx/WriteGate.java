package io.jixiao.kit.tx;

import jakarta.persistence.EntityManager;

/**
 * A transaction-scoped PostgreSQL advisory lock on a text key between writes that depend on a thing's state and the
 * changes of that state. Each write passes {@link #shared} before it reads the state and holds it until it commits;
 * a change passes {@link #exclusive} before it reads anything, so it waits for the writes in flight and holds new
 * ones back until it has committed, and they then read the changed state. Advisory locks live in PostgreSQL's lock
 * table only: concurrent writers write nothing to the thing's row.
 *
 * <p>
 * A statement that takes the shared lock along with other work uses the same lock id: {@code
 * pg_advisory_xact_lock_shared(hashtextextended(key, 0))}. Its snapshot is taken before the lock is granted, so what it
 * reads must be read again, or checked, by a later statement.
 */
public final class WriteGate {

    private WriteGate() {
    }

    /** Passes the gate as a write, until the transaction ends. */
    public static void shared(EntityManager em, String key) {
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock_shared(hashtextextended(?1, 0))) l")
                .setParameter(1, key).getSingleResult();
    }

    /** Closes the gate for a change, until the transaction ends: waits for the writes that passed it. */
    public static void exclusive(EntityManager em, String key) {
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) l")
                .setParameter(1, key).getSingleResult();
    }
}
