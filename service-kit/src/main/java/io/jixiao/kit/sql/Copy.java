package io.jixiao.kit.sql;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import org.postgresql.PGConnection;

/**
 * PostgreSQL's COPY for many rows at once (imports, batched outbox events): one round trip per chunk instead of one
 * statement per row. Values are written in COPY's text format, escaped; {@code null} is {@code \N}.
 */
public final class Copy {

    private static final int CHUNK_CHARS = 4 * 1024 * 1024;

    private Copy() {
    }

    /** Copies {@code rows} (each an array in column order) into {@code table}; the number of rows copied. */
    public static long into(Connection connection, String table, List<String> columns, Iterable<Object[]> rows)
            throws SQLException {
        String sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
        var api = connection.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder b = new StringBuilder(64 * 1024);
        long n = 0;
        try {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        b.append('\t');
                    }
                    append(b, row[i]);
                }
                b.append('\n');
                if (b.length() > CHUNK_CHARS) {
                    n += api.copyIn(sql, new StringReader(b.toString()));
                    b.setLength(0);
                }
            }
            if (b.length() > 0) {
                n += api.copyIn(sql, new StringReader(b.toString()));
            }
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
        return n;
    }

    private static void append(StringBuilder b, Object v) {
        if (v == null) {
            b.append("\\N");
            return;
        }
        String s = v instanceof BigDecimal d
                ? d.toPlainString()
                : v instanceof OffsetDateTime t ? t.toString() : v.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
    }
}
