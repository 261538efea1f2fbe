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
        Text text = new Text();
        StringBuilder b = text.b;
        long n = 0;
        try {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        b.append('\t');
                    }
                    text.append(row[i]);
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

    /**
     * One COPY's text. The rows of an import or an event batch usually share one timestamp object, which is formatted
     * once (formatting it for every row was a third of a 10,000-row COPY's time on the Java side).
     */
    private static final class Text {
        final StringBuilder b = new StringBuilder(64 * 1024);
        private OffsetDateTime lastTime;
        private String lastTimeText;

        void append(Object v) {
            if (v == null) {
                b.append("\\N");
            } else if (v instanceof BigDecimal d) {
                b.append(d.toPlainString()); // digits, sign and point only
            } else if (v instanceof OffsetDateTime t) {
                if (t != lastTime) {
                    lastTime = t;
                    lastTimeText = t.toString();
                }
                b.append(lastTimeText);
            } else if (v instanceof Number || v instanceof Boolean || v instanceof java.util.UUID) {
                b.append(v);
            } else {
                escaped(b, v.toString());
            }
        }
    }

    /** {@code s} in COPY's text format: backslash, tab, newline and carriage return escaped. */
    private static void escaped(StringBuilder b, String s) {
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escape != null) {
                b.append(s, start, i).append(escape);
                start = i + 1;
            }
        }
        b.append(s, start, s.length());
    }
}
