package io.jixiao.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.jixiao.testsupport.LocalPostgres;

/**
 * Tells whether anything was written anywhere in the suite's PostgreSQL cluster between two points, from the
 * cluster's transaction ids: every transaction that writes takes the next id, and PostgreSQL keeps whether each one
 * committed. A transaction that wrote and rolled back took an id but changed nothing, so only ids that committed (or
 * are still running, and may yet commit) count. Reading the next id does not take one.
 */
final class Commits implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement next;
    private final PreparedStatement committed;

    Commits() throws SQLException {
        LocalPostgres pg = Suite.postgres();
        connection = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.username(), pg.password());
        connection.setAutoCommit(true);
        next = connection.prepareStatement("select pg_snapshot_xmax(pg_current_snapshot())::text::bigint");
        committed = connection.prepareStatement("select count(*) from generate_series(?::bigint, ?::bigint - 1) x"
                + " where pg_xact_status(x::text::xid8) is distinct from 'aborted'");
    }

    /** The id the next writing transaction will take. */
    long next() throws SQLException {
        try (ResultSet rs = next.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** How many of the transactions that took an id in [from, to) committed or may still commit. */
    long committedBetween(long from, long to) throws SQLException {
        if (to <= from) {
            return 0;
        }
        committed.setLong(1, from);
        committed.setLong(2, to);
        try (ResultSet rs = committed.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Waits until no transaction has taken an id for {@code quietMs} (the outbox relays and consumers have finished
     * what earlier requests set off), at most {@code maxMs}; whether it got quiet.
     */
    boolean awaitQuiet(long quietMs, long maxMs) throws SQLException {
        long deadline = System.currentTimeMillis() + maxMs;
        long last = next();
        long stableSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            Suite.sleep(50);
            long now = next();
            if (now != last) {
                last = now;
                stableSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - stableSince >= quietMs) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws SQLException {
        try {
            next.close();
            committed.close();
        } finally {
            connection.close();
        }
    }
}
