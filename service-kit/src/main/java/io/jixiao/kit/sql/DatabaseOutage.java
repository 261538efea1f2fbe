package io.jixiao.kit.sql;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;

/**
 * Whether a failure means the database could not be reached at all (down, restarting, refusing connections, or no
 * connection free in the pool in time), rather than that this request or event was wrong. Such a failure is not the
 * caller's fault and not the record's: a request is told to come back (503), and an event waits for the database
 * instead of being parked as poison.
 */
public final class DatabaseOutage {

    /**
     * PostgreSQL's states for a server going away: {@code 57P01} admin shutdown, {@code 57P02} crash shutdown,
     * {@code 57P03} cannot connect now (starting up or shutting down), {@code 53300} too many connections. Class
     * {@code 08} (connection exception) is matched as a whole.
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseOutage() {
    }

    /** Whether {@code failure}, or anything in its cause chain, says the database could not be reached. */
    public static boolean causes(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof JDBCConnectionException || c instanceof SQLTransientConnectionException
                    || c instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (c instanceof SQLException sql && unreachable(sql)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs a scheduled round. When the database cannot be reached, it says so in one warning line (the round's work
     * stays in the database for a later round) instead of failing with Quarkus's error and stack trace, once per
     * round for as long as the outage lasts. Any other failure is thrown on.
     */
    public static void orWait(Runnable round, Logger log, String what) {
        try {
            round.run();
        } catch (RuntimeException e) {
            if (!causes(e)) {
                throw e;
            }
            log.warnf("%s waits: the database cannot be reached (%s)", what, e.getMessage());
        }
    }

    private static boolean unreachable(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            return state.startsWith("08") || STATES.contains(state);
        }
        // the pool's own refusal (Agroal): no connection could be had within the acquisition timeout
        String message = e.getMessage();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout");
    }
}
