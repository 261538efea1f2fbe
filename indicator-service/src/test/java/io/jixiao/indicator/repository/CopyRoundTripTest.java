package io.jixiao.indicator.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.jixiao.kit.sql.Copy;
import io.jixiao.testsupport.JixiaoTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service kit's COPY writer against PostgreSQL itself: what goes in comes back, whatever the text holds (COPY's own
 * separators and escapes, a literal {@code \N}, Chinese), nulls stay null, and rows that alternate between two
 * timestamps keep each its own (the writer formats a timestamp once for the rows that share it).
 */
@QuarkusTest
@QuarkusTestResource(JixiaoTestResource.class)
class CopyRoundTripTest {

    @Inject
    DataSource dataSource;

    @Test
    void everyValueComesBackAsItWent() throws SQLException {
        OffsetDateTime t1 = OffsetDateTime.of(2026, 11, 23, 8, 30, 0, 123_000_000, ZoneOffset.UTC);
        OffsetDateTime t2 = OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(8));
        List<String> texts = List.of("plain", "tab\there", "line\nbreak", "carriage\rreturn", "back\\slash",
                "\\N", "\\t literally", "满意度 · 好评", "", "end\\");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(new Object[]{i, texts.get(i), i % 2 == 0 ? t1 : t2, new BigDecimal("-12.5000").movePointLeft(i),
                    i == 3 ? null : UUID.nameUUIDFromBytes(texts.get(i).getBytes()), i % 3 == 0});
        }
        rows.add(new Object[]{99, null, null, null, null, null});
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("create temp table copied (n int, t text, at timestamptz, d numeric, u uuid, b boolean)");
            assertEquals(rows.size(), Copy.into(c, "copied", List.of("n", "t", "at", "d", "u", "b"), rows));
            try (var rs = st.executeQuery("select n, t, at, d, u, b from copied order by n")) {
                for (Object[] row : rows) {
                    rs.next();
                    assertEquals(row[0], rs.getInt(1));
                    assertEquals(row[1], rs.getString(2), "text of row " + row[0]);
                    OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
                    assertEquals(row[2] == null, at == null);
                    if (at != null) {
                        assertEquals(((OffsetDateTime) row[2]).toInstant(), at.toInstant(), "time of row " + row[0]);
                    }
                    assertEquals(row[3], rs.getBigDecimal(4), "number of row " + row[0]);
                    assertEquals(row[4], rs.getObject(5));
                    assertEquals(row[5], rs.getObject(6));
                }
            }
            st.execute("drop table copied");
        }
    }
}
