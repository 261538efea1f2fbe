package io.jixiao.indicator.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jixiao.kit.sql.Copy;
import io.jixiao.testsupport.JixiaoTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A value's subject and indicator are checked once per statement by a trigger instead of a foreign key on every row
 * (migration V5). These tests hold the trigger to everything the foreign key did: unknown codes refused on insert, by
 * COPY and on update, with SQLSTATE 23503 and the old constraint's name; referenced rows neither deleted nor recoded;
 * and a referenced row locked against deletion while the inserting transaction is open.
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class ValueReferencesTest {

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final List<String> COLUMNS = List.of("subject_code", "indicator_code", "period", "actual", "score",
            "light", "source", "reported_by", "reported_at");

    @Inject
    DataSource dataSource;

    String dept;
    String ind;

    @BeforeEach
    void scorecard() {
        dept = IndicatorApiTest.unique("FK");
        ind = IndicatorApiTest.unique("FKI");
        IndicatorApiTest.subject(dept);
        IndicatorApiTest.indicator(ind, "PROCESS", 100, dept);
    }

    @Test
    void anInsertNamingAnUnknownSubjectOrIndicatorIsRefusedAndLeavesNothing() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            SQLException subject = assertThrows(SQLException.class, () -> insert(c, "NOSUCH", ind, "2031"));
            assertEquals(FOREIGN_KEY_VIOLATION, subject.getSQLState());
            assertTrue(subject.getMessage().contains("indicator_value_subject_code_fkey")
                    && subject.getMessage().contains("NOSUCH"), subject.getMessage());
            SQLException indicator = assertThrows(SQLException.class, () -> insert(c, dept, "NOSUCH", "2031"));
            assertEquals(FOREIGN_KEY_VIOLATION, indicator.getSQLState());
            assertTrue(indicator.getMessage().contains("indicator_value_indicator_code_fkey"), indicator.getMessage());
            insert(c, dept, ind, "2031");
            assertEquals(1, values(c, dept), "a value naming both known codes is stored");
        }
    }

    @Test
    void oneUnknownSubjectAmongACopysRowsRefusesTheWholeCopy() throws SQLException {
        OffsetDateTime now = OffsetDateTime.now();
        try (Connection c = dataSource.getConnection()) {
            SQLException e = assertThrows(SQLException.class, () -> Copy.into(c, "indicator_value", COLUMNS, List.of(
                    row(dept, "2032-01", now), row("GHOST", "2032-02", now), row(dept, "2032-03", now))));
            assertEquals(FOREIGN_KEY_VIOLATION, e.getSQLState());
            assertTrue(e.getMessage().contains("GHOST"), e.getMessage());
            assertEquals(0, values(c, dept), "none of the COPY's rows stays");
            assertEquals(2, Copy.into(c, "indicator_value", COLUMNS, List.of(row(dept, "2032-01", now),
                    row(dept, "2032-02", now))));
        }
    }

    @Test
    void aValueCannotBeMovedToAnUnknownSubjectButMayMoveToAKnownOne() throws SQLException {
        String other = IndicatorApiTest.unique("FKO");
        IndicatorApiTest.subject(other);
        try (Connection c = dataSource.getConnection()) {
            insert(c, dept, ind, "2033");
            SQLException e = assertThrows(SQLException.class, () -> execute(c, "update indicator_value set "
                    + "subject_code = 'NOWHERE' where subject_code = '" + dept + "'"));
            assertEquals(FOREIGN_KEY_VIOLATION, e.getSQLState());
            execute(c, "update indicator_value set subject_code = '" + other + "' where subject_code = '" + dept + "'");
            assertEquals(1, values(c, other));
        }
    }

    @Test
    void aSubjectOrIndicatorThatValuesNameCanBeNeitherDeletedNorRecoded() throws SQLException {
        // made here by SQL alone, so that no other table's foreign key names them and only the trigger can refuse
        String s = dept + "S";
        String i = ind + "I";
        try (Connection c = dataSource.getConnection()) {
            execute(c, "insert into subject (code, name_zh, level) values ('" + s + "', '空', 'DEPARTMENT')");
            execute(c, "insert into indicator (code, name_zh, dimension, kind, polarity, target, weight, frequency) "
                    + "values ('" + i + "', '空', 'PROCESS', 'QUANTITATIVE', 'HIGHER_BETTER', 1, 1, 'YEARLY')");
            execute(c, "insert into subject (code, name_zh, level) values ('" + s + "X', '空', 'DEPARTMENT')");
            execute(c, "delete from subject where code = '" + s + "X'"); // named by nothing: goes
            insert(c, s, i, "2034");
            for (String sql : List.of("delete from subject where code = '" + s + "'",
                    "update subject set code = '" + s + "Y' where code = '" + s + "'",
                    "delete from indicator where code = '" + i + "'",
                    "update indicator set code = '" + i + "Y' where code = '" + i + "'")) {
                SQLException e = assertThrows(SQLException.class, () -> execute(c, sql), sql);
                assertEquals(FOREIGN_KEY_VIOLATION, e.getSQLState(), sql + ": " + e.getMessage());
                assertTrue(e.getMessage().contains("is still named by values"), e.getMessage());
            }
            assertEquals(1, values(c, s));
            execute(c, "update subject set name_zh = '改名' where code = '" + s + "'"); // other columns may change
        }
    }

    @Test
    void aSubjectIsLockedAgainstDeletionWhileAValueNamingItIsBeingInserted() throws SQLException {
        try (Connection writer = dataSource.getConnection(); Connection deleter = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            insert(writer, dept, ind, "2035");
            execute(deleter, "set lock_timeout = '300ms'");
            // the inserting transaction holds FOR KEY SHARE on the subject: the delete waits, and gives up here
            SQLException e = assertThrows(SQLException.class, () -> execute(deleter, "delete from subject where code"
                    + " = '" + dept + "'"));
            assertEquals("55P03", e.getSQLState(), e.getMessage());
            writer.commit();
            SQLException after = assertThrows(SQLException.class, () -> execute(deleter, "delete from subject where "
                    + "code = '" + dept + "'"));
            assertEquals(FOREIGN_KEY_VIOLATION, after.getSQLState(), "once committed, the value keeps its subject");
            execute(deleter, "reset lock_timeout");
        }
    }

    private Object[] row(String subject, String period, OffsetDateTime now) {
        return new Object[]{subject, ind, period, 1, 1, "GREEN", "TEST", "test", now};
    }

    private static void insert(Connection c, String subject, String indicator, String period) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into indicator_value (subject_code, indicator_code, "
                + "period, actual, score, light, source, reported_by, reported_at) values (?, ?, ?, 1, 1, 'GREEN', "
                + "'TEST', 'test', now())")) {
            ps.setString(1, subject);
            ps.setString(2, indicator);
            ps.setString(3, period);
            ps.executeUpdate();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long values(Connection c, String subject) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from indicator_value where subject_code = ?")) {
            ps.setString(1, subject);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
