package io.jixiao.kit.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.RestQuery;

import io.jixiao.kit.problem.ProblemException.InvalidInputException;

/**
 * Query parameters that are not of their type are bad input that names the parameter: {@code ?status=done} is a 400
 * saying "status: one of QUEUED, CHECKING, …". Left to JAX-RS, a failed conversion of a query parameter is a 404
 * without a word (the specification asks for it), which reads as "no such resource". Numbers, dates, booleans and
 * enums are converted here; a boolean is {@code true}, {@code false}, 1 or 0 (JAX-RS reads anything else as false).
 * Path parameters keep their 404: a path that cannot name anything names nothing.
 */
@Provider
public class QueryParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> raw, Type generic, Annotation[] annotations) {
        String name = queryName(annotations);
        if (name == null) {
            return null;
        }
        if (raw.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) raw;
            String names = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            return converter(name, "one of " + names, null, v -> Enum.valueOf(type, v));
        }
        if (raw == Integer.class || raw == int.class) {
            return converter(name, "a whole number", raw == int.class ? 0 : null, Integer::valueOf);
        }
        if (raw == Long.class || raw == long.class) {
            return converter(name, "a whole number", raw == long.class ? 0L : null, Long::valueOf);
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return converter(name, "true or false", raw == boolean.class ? false : null, QueryParams::bool);
        }
        if (raw == LocalDate.class) {
            return converter(name, "a date, yyyy-mm-dd", null, LocalDate::parse);
        }
        return null;
    }

    private static String queryName(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof RestQuery q) {
                return q.value();
            }
        }
        return null;
    }

    private static Boolean bool(String v) {
        if (v.equalsIgnoreCase("true") || v.equals("1")) {
            return Boolean.TRUE;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0")) { // "0" is also what the runtime passes for a primitive left out
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException(v);
    }

    @SuppressWarnings("unchecked")
    /** {@code empty}: what an empty value ({@code ?page=}) means, as if the parameter were left out. */
    private static <T> ParamConverter<T> converter(String name, String expected, Object empty,
            Function<String, ?> parse) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null || value.isEmpty()) {
                    return (T) empty;
                }
                try {
                    return (T) parse.apply(value);
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw new InvalidInputException(name, "must be " + expected);
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }
}
