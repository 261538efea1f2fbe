package io.jixiao.kit.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;

import jakarta.validation.Payload;
import jakarta.validation.constraints.Digits;

import org.junit.jupiter.api.Test;

class ValueDigitsTest {

    static ValueDigits digits(int integer, int fraction) {
        ValueDigits v = new ValueDigits();
        v.initialize(new Digits() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return Digits.class;
            }

            @Override
            public String message() {
                return "";
            }

            @Override
            public Class<?>[] groups() {
                return new Class<?>[0];
            }

            @Override
            @SuppressWarnings("unchecked")
            public Class<? extends Payload>[] payload() {
                return new Class[0];
            }

            @Override
            public int integer() {
                return integer;
            }

            @Override
            public int fraction() {
                return fraction;
            }
        });
        return v;
    }

    @Test
    void trailingZerosAfterThePointDoNotCount() {
        ValueDigits fen = digits(16, 2);
        assertTrue(fen.isValid(new BigDecimal("100.500"), null));
        assertTrue(fen.isValid(new BigDecimal("100.50000000"), null));
        assertTrue(fen.isValid(new BigDecimal("0.000"), null));
        assertFalse(fen.isValid(new BigDecimal("100.505"), null));
        assertFalse(fen.isValid(new BigDecimal("100.5001"), null));
        assertTrue(fen.isValid(null, null));
    }

    @Test
    void theDigitsBeforeThePointAreCountedOnTheValueToo() {
        ValueDigits score = digits(3, 2);
        assertTrue(score.isValid(new BigDecimal("100.00"), null));
        assertTrue(score.isValid(new BigDecimal("1E+2"), null));
        assertFalse(score.isValid(new BigDecimal("1E+3"), null));
        assertFalse(score.isValid(new BigDecimal("1000"), null));
        assertTrue(score.isValid(new BigDecimal("0.05"), null));
        assertTrue(score.isValid(new BigDecimal("-999.99"), null));
        assertFalse(score.isValid(new BigDecimal("-1000"), null));
    }

    @Test
    void otherNumbersAndTextAreReadAsDecimals() {
        ValueDigits whole = digits(4, 0);
        assertTrue(whole.isValid(2026, null));
        assertTrue(whole.isValid(2026L, null));
        assertFalse(whole.isValid(20260, null));
        assertTrue(whole.isValid("2026.0", null));
        assertFalse(whole.isValid("2026.5", null));
        assertFalse(whole.isValid("twenty", null));
        assertFalse(whole.isValid(new BigDecimal("1E-999999"), null), "past the kit's bound, not rounded");
    }
}
