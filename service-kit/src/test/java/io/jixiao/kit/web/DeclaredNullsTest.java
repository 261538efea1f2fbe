package io.jixiao.kit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

class DeclaredNullsTest {

    record Row(String code, @Schema(nullable = true) String nameEn,
            @Schema(nullable = true, description = "with more said") BigDecimal total, Optional<String> note,
            int rank) {
    }

    record Outer(String code, Row row) {
    }

    static ObjectMapper mapper(boolean strict) {
        ObjectMapper m = new ObjectMapper().registerModule(new Jdk8Module());
        new DeclaredNulls(strict).customize(m);
        return m;
    }

    @Test
    void declaredNullsAreWritten() throws Exception {
        assertEquals("{\"code\":\"FIN\",\"nameEn\":null,\"total\":null,\"note\":null,\"rank\":0}",
                mapper(true).writeValueAsString(new Row("FIN", null, null, Optional.empty(), 0)));
    }

    @Test
    void anUndeclaredNullFailsNamingItsRecordAndProperty() {
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> mapper(true).writeValueAsString(new Outer("X", new Row(null, "en", null, Optional.empty(), 1))));
        assertTrue(e.getMessage().startsWith("Row.code is null, but is not declared nullable"), e.getMessage());
        assertThrows(JsonMappingException.class, () -> mapper(true).writeValueAsString(new Outer("X", null)),
                "a nested record is a property like any other");
    }

    @Test
    void outsideTestsAnUndeclaredNullIsStillWritten() throws Exception {
        assertEquals("{\"code\":\"X\",\"row\":null}", mapper(false).writeValueAsString(new Outer("X", null)));
    }

    @Test
    void aMapsValuesAreNotHeldToIt() throws Exception {
        Map<String, String> map = new HashMap<>();
        map.put("k", null);
        assertEquals("{\"k\":null}", mapper(true).writeValueAsString(map));
    }
}
