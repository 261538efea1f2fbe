package io.jixiao.kit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

class BoundedNumbersTest {

    record Body(BigDecimal value, List<BigDecimal> values) {
    }

    static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper();
        new BoundedNumbers.Json().customize(m);
        return m;
    }

    @Test
    void numbersAsPeopleAndSpreadsheetsWriteThemPass() {
        for (String s : List.of("0", "-0.5", "87.5", "0.30000000000000004", "1.2345678901234567E-5", "1E+50",
                "100.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
                "0.0000000000")) {
            assertTrue(BoundedNumbers.bounded(new BigDecimal(s)), s);
            assertEquals(0, new BigDecimal(s).compareTo(BoundedNumbers.parse(s)), s);
        }
        assertTrue(BoundedNumbers.bounded(null));
        assertTrue(BoundedNumbers.bounded(new BigDecimal("1" + "0".repeat(99))), "a hundred digits before the point");
        assertTrue(BoundedNumbers.bounded(new BigDecimal("0." + "0".repeat(99) + "1")), "a hundred after it");
    }

    @Test
    void exponentsPastTheBoundAreRefusedWhateverTheirTextsLength() {
        for (String s : List.of("5E-999999999", "-5E-101", "1E+100", "1E+999999999", "0E-999999999", "0E+101",
                "1" + "0".repeat(100), "0." + "0".repeat(100) + "1", "1.000E-999999000")) {
            assertFalse(BoundedNumbers.bounded(new BigDecimal(s)), s);
            assertNull(BoundedNumbers.parse(s), s);
        }
        assertNull(BoundedNumbers.parse("1" + "0".repeat(1000)), "longer than Jackson lets a JSON number be");
        assertNull(BoundedNumbers.parse("twelve"));
        assertNull(BoundedNumbers.parse(null));
    }

    @Test
    void jsonNumbersAndNumbersInStringsPastTheBoundAreMappingErrorsAtTheirField() throws Exception {
        ObjectMapper m = mapper();
        assertEquals(new BigDecimal("87.5"), m.readValue("{\"value\":87.5,\"values\":[1]}", Body.class).value());
        for (String json : List.of("{\"value\":5E-999999999}", "{\"value\":\"1E+999999999\"}",
                "{\"values\":[1, 0E-999999999]}")) {
            JsonMappingException e = assertThrows(JsonMappingException.class, () -> m.readValue(json, Body.class),
                    json);
            assertTrue(e instanceof BoundedNumbers.UnboundedNumberException, json + ": " + e);
            assertTrue(e.getMessage().contains(BoundedNumbers.MESSAGE), e.getMessage());
            assertFalse(e.getPath().isEmpty(), "the path names the field");
        }
        assertThrows(BoundedNumbers.UnboundedNumberException.class,
                () -> m.readValue("{\"FAIL\":-1E-200}", new TypeReference<Map<String, BigDecimal>>() {
                }), "map values too");
    }
}
