package io.jixiao.kit.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.persistence.PersistenceException;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void aServerThatCannotBeReachedIsAnOutageWhereverItSitsInTheCauseChain() {
        // what the driver says when nothing listens (08001) or the connection broke (08006), as Hibernate wraps it
        assertTrue(DatabaseOutage.causes(new PersistenceException(new JDBCConnectionException("could not prepare",
                new SQLException("Connection refused", "08001")))));
        assertTrue(DatabaseOutage.causes(new RuntimeException(new SQLException("An I/O error occurred", "08006"))));
        // the server shutting down or starting up, or out of connections
        assertTrue(DatabaseOutage.causes(new SQLException("terminating connection", "57P01")));
        assertTrue(DatabaseOutage.causes(new SQLException("the database system is starting up", "57P03")));
        assertTrue(DatabaseOutage.causes(new SQLException("too many clients", "53300")));
        // the pool found no connection in time (Agroal gives no state)
        assertTrue(DatabaseOutage.causes(new IllegalStateException(new SQLException("Sorry, acquisition timeout!"))));
        assertTrue(DatabaseOutage.causes(new SQLTransientConnectionException("gone")));
    }

    @Test
    void aRequestOrRecordTheDatabaseRefusedIsNotAnOutage() {
        assertFalse(DatabaseOutage.causes(new ConstraintViolationException("duplicate",
                new SQLException("duplicate key", "23505"), "uk")));
        assertFalse(DatabaseOutage.causes(new SQLException("deadlock detected", "40P01")));
        assertFalse(DatabaseOutage.causes(new SQLException("canceling statement due to statement timeout",
                "57014")));
        assertFalse(DatabaseOutage.causes(new SQLException("no state, no pool")));
        assertFalse(DatabaseOutage.causes(new IllegalArgumentException("not a database failure")));
        assertFalse(DatabaseOutage.causes(null));
    }

    @Test
    void aScheduledRoundWaitsOutAnOutageButNotAnyOtherFailure() {
        org.jboss.logging.Logger log = org.jboss.logging.Logger.getLogger(DatabaseOutageTest.class);
        boolean[] ran = new boolean[1];
        DatabaseOutage.orWait(() -> ran[0] = true, log, "a round");
        assertTrue(ran[0]);
        DatabaseOutage.orWait(() -> {
            throw new PersistenceException(new SQLException("Connection refused", "08001"));
        }, log, "a round");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> DatabaseOutage.orWait(() -> {
                    throw new IllegalStateException("a bug");
                }, log, "a round"));
    }
}
