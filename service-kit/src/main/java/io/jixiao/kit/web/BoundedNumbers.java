package io.jixiao.kit.web;

import java.io.IOException;
import java.math.BigDecimal;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * A decimal may have at most {@value #MAX_DIGITS} digits before the point and {@value #MAX_DIGITS} after it. Jackson
 * limits how long a number's text is, not its exponent: {@code 5E-999999999} is twelve characters, and rounding it to
 * the decimals a column keeps computes a power of ten with a billion digits, a core's work for minutes. Every number
 * this API takes is far inside the bound; the fields' own {@code @Digits} and ranges say the narrower rule.
 */
public final class BoundedNumbers {

    public static final int MAX_DIGITS = 100;

    /** The longest number text read from a file, as Jackson's default limit for JSON. */
    static final int MAX_TEXT = 1000;

    public static final String MESSAGE = "must be a number with at most " + MAX_DIGITS
            + " digits before the point and " + MAX_DIGITS + " after it";

    private BoundedNumbers() {
    }

    /**
     * Whether the number is inside the bound; null is. Trailing zeros after the point do not count, so the raw scale is
     * at most the bound plus the thousand characters Jackson lets a number have. A zero counts its raw scale: rounding
     * {@code 0E-999999999} costs as much as any other.
     */
    public static boolean bounded(BigDecimal d) {
        if (d == null) {
            return true;
        }
        if (d.signum() == 0) {
            return Math.abs((long) d.scale()) <= MAX_DIGITS;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() <= MAX_DIGITS && s.precision() - (long) s.scale() <= MAX_DIGITS;
    }

    /** A number written as text in a file: the number, or {@code null} when it is not one or is past the bound. */
    public static BigDecimal parse(String text) {
        if (text == null || text.length() > MAX_TEXT) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(text.trim());
            return bounded(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A JSON number past the bound: a mapping error, reported at the number's field. */
    public static class UnboundedNumberException extends JsonMappingException {
        private static final long serialVersionUID = 1L;

        UnboundedNumberException(JsonParser p) {
            super(p, "number " + MESSAGE);
        }
    }

    /** Reads decimals as Jackson does, then refuses one past the bound. */
    static final class Decimals extends StdScalarDeserializer<BigDecimal> {
        private static final long serialVersionUID = 1L;

        Decimals() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            BigDecimal d = NumberDeserializers.BigDecimalDeserializer.instance.deserialize(p, ctx);
            if (!bounded(d)) {
                throw new UnboundedNumberException(p);
            }
            return d;
        }
    }

    /** Registers the bound with the application's object mapper (REST bodies and Kafka payloads). */
    @Singleton
    public static class Json implements ObjectMapperCustomizer {
        @Override
        public void customize(ObjectMapper mapper) {
            mapper.registerModule(
                    new SimpleModule("jixiao-bounded-numbers").addDeserializer(BigDecimal.class, new Decimals()));
        }
    }
}
