package io.jixiao.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.jixiao.testsupport.LocalPostgres;

/**
 * With {@code -Djixiao.pg.statements=true}: PostgreSQL's own account of a load benchmark's measured window, the
 * statements of every service's database that took the most execution time, per accepted call.
 */
final class Statements {

    private Statements() {
    }

    private static boolean enabled() {
        return Boolean.getBoolean(LocalPostgres.STATEMENTS);
    }

    private static Connection connect() throws SQLException {
        LocalPostgres pg = Suite.postgres();
        return DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.username(), pg.password());
    }

    /** Forgets what was counted so far (the warm-up). */
    static void reset() throws SQLException {
        if (!enabled()) {
            return;
        }
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("create extension if not exists pg_stat_statements");
            st.execute("select pg_stat_statements_reset()");
        }
    }

    /** Prints the 20 statements with the most execution time since {@link #reset}, per accepted {@code what}. */
    static void print(String what, long accepted) throws SQLException {
        if (!enabled() || accepted == 0) {
            return;
        }
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select d.datname, s.calls, s.total_exec_time, s.rows,"
                        + " left(regexp_replace(s.query, '\\s+', ' ', 'g'), 150) from pg_stat_statements s"
                        + " join pg_database d on d.oid = s.dbid order by s.total_exec_time desc limit 20")) {
            double total = 0;
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                total += rs.getDouble(3);
                out.append(String.format("[bench] PostgreSQL %s: %.2f calls and %.3f ms per %s (%d calls in all): %s%n",
                        rs.getString(1), rs.getLong(2) / (double) accepted, rs.getDouble(3) / accepted, what,
                        rs.getLong(2), rs.getString(5)));
            }
            System.out.print(out);
            System.out.printf("[bench] PostgreSQL: these 20 statements executed for %.3f ms per %s%n", total / accepted,
                    what);
        }
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select d.datname, sum(s.calls), sum(s.total_exec_time), count(*)"
                        + " from pg_stat_statements s join pg_database d on d.oid = s.dbid group by d.datname"
                        + " order by 2 desc")) {
            while (rs.next()) {
                System.out.printf(
                        "[bench] PostgreSQL %s, every statement: %.2f calls and %.3f ms per %s (%d distinct)%n",
                        rs.getString(1), rs.getLong(2) / (double) accepted, rs.getDouble(3) / accepted, what,
                        rs.getLong(4));
            }
        }
    }
}
