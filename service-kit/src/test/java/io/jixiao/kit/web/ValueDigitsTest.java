package io.jixiao.kit.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import jakarta.validation.constraints.Digits;

import org.junit.jupiter.api.Test;

class ValueDigitsTest {

    @Digits(integer = 16, fraction = 2)
    static BigDecimal fen;
    @Digits(integer = 3, fraction = 2)
    static BigDecimal score;
    @Digits(integer = 4, fraction = 0)
    static Object whole;

    /** The validator as Bean Validation starts it for the annotation on one of the fields above. */
    static ValueDigits digits(String field) throws NoSuchFieldException {
        ValueDigits v = new ValueDigits();
        v.initialize(ValueDigitsTest.class.getDeclaredField(field).getAnnotation(Digits.class));
        return v;
    }

    @Test
    void trailingZerosAfterThePointDoNotCount() throws Exception {
        ValueDigits fen = digits("fen");
        assertTrue(fen.isValid(new BigDecimal("100.500"), null));
        assertTrue(fen.isValid(new BigDecimal("100.50000000"), null));
        assertTrue(fen.isValid(new BigDecimal("0.000"), null));
        assertFalse(fen.isValid(new BigDecimal("100.505"), null));
        assertFalse(fen.isValid(new BigDecimal("100.5001"), null));
        assertTrue(fen.isValid(null, null));
    }

    @Test
    void theDigitsBeforeThePointAreCountedOnTheValueToo() throws Exception {
        ValueDigits score = digits("score");
        assertTrue(score.isValid(new BigDecimal("100.00"), null));
        assertTrue(score.isValid(new BigDecimal("1E+2"), null));
        assertFalse(score.isValid(new BigDecimal("1E+3"), null));
        assertFalse(score.isValid(new BigDecimal("1000"), null));
        assertTrue(score.isValid(new BigDecimal("0.05"), null));
        assertTrue(score.isValid(new BigDecimal("-999.99"), null));
        assertFalse(score.isValid(new BigDecimal("-1000"), null));
    }

    @Test
    void otherNumbersAndTextAreReadAsDecimals() throws Exception {
        ValueDigits whole = digits("whole");
        assertTrue(whole.isValid(2026, null));
        assertTrue(whole.isValid(2026L, null));
        assertFalse(whole.isValid(20260, null));
        assertTrue(whole.isValid("2026.0", null));
        assertFalse(whole.isValid("2026.5", null));
        assertFalse(whole.isValid("twenty", null));
        assertFalse(whole.isValid(new BigDecimal("1E-999999"), null), "past the kit's bound, not rounded");
    }
}
