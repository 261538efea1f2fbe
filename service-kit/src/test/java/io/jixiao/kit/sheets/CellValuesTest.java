package io.jixiao.kit.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class CellValuesTest {

    @Test
    void aDateIsReadInTheFormsASpreadsheetWritesInChinaAndNoOther() {
        LocalDate day = LocalDate.of(2026, 2, 1);
        for (String text : new String[]{"2026-02-01", "2026/2/1", "2026/02/01", "2026-2-1", "2026.2.1", "2026年2月1日",
                "2026年02月01日", "2026年2月1", " 2026/2/1 ", "2026/2/1 0:00", "2026-02-01 00:00:00"}) {
            assertEquals(day, CellValues.date(text), text);
        }
        // not a day, or not year first: refused, not guessed (2/1/2026 is 1 February in one country, 2 January in
        // another)
        for (String text : new String[]{"2026/2/30", "2026-13-01", "2026-2/1", "2/1/2026", "26/2/1", "20260201",
                "2026年2月", "2026-02", "", "二〇二六年二月一日", "2026/2/1 noon"}) {
            assertNull(CellValues.date(text), text);
        }
        assertNull(CellValues.date(null));
    }

    @Test
    void aYesOrNoIsOneOfAFewWordsAndAnythingElseIsNeither() {
        for (String yes : new String[]{"true", "TRUE", "True", "1", "yes", "Y", "是", " 是 "}) {
            assertEquals(Boolean.TRUE, CellValues.yesNo(yes), yes);
        }
        for (String no : new String[]{"false", "FALSE", "0", "no", "n", "否", "", " ", null}) {
            assertEquals(Boolean.FALSE, CellValues.yesNo(no), no);
        }
        for (String neither : new String[]{"maybe", "truee", "2", "超支", "-1"}) {
            assertNull(CellValues.yesNo(neither), neither);
        }
    }

    @Test
    void commasAreReadOnlyBetweenThousands() {
        assertEquals(new BigDecimal("1234.50"), CellValues.number("1,234.50"));
        assertEquals(new BigDecimal("1234567.89"), CellValues.number("1,234,567.89"));
        assertEquals(new BigDecimal("-1234"), CellValues.number("-1,234"));
        assertEquals(new BigDecimal("1234.50"), CellValues.number("¥1,234.50"));
        assertEquals(new BigDecimal("1234.50"), CellValues.number("￥ 1234.50"));
        assertEquals(new BigDecimal("85.5"), CellValues.number(" 85.5 "));
        // a decimal comma, or commas that group nothing, would be read as another number: 85,5 as 855
        for (String text : new String[]{"85,5", "1,23", "12,34,567", "1,,234", ",123", "1,234,5", "¥", "abc", "85%",
                "1.2.3", ""}) {
            assertNull(CellValues.number(text), text);
        }
        assertNull(CellValues.number(null));
        assertNull(CellValues.number("5E-999999999"), "past the bound, as BoundedNumbers");
    }
}
