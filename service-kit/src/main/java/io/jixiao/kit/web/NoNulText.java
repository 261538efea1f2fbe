package io.jixiao.kit.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Text may not contain NUL (U+0000). PostgreSQL cannot store it in text columns, so a NUL that got in would fail the
 * transaction as a server error after the request was already judged valid. It is refused at the door instead, as bad
 * input naming the field: in every JSON string (bodies and events), and in the path and query string.
 */
public class NoNulText {

    public static final String MESSAGE = "must not contain NUL (U+0000) characters";

    public static boolean has(String s) {
        return s != null && s.indexOf('\u0000') >= 0;
    }

    /** A JSON string with a NUL in it: a mapping error, reported at the string's field. */
    public static class NulInTextException extends JsonMappingException {
        private static final long serialVersionUID = 1L;

        NulInTextException(JsonParser p) {
            super(p, "text " + MESSAGE);
        }
    }

    /** Reads strings as Jackson does, then refuses one with a NUL. */
    static final class Strings extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String s = StringDeserializer.instance.deserialize(p, ctx);
            if (has(s)) {
                throw new NulInTextException(p);
            }
            return s;
        }
    }

    /** Registers the string check with the application's object mapper (REST bodies and Kafka payloads). */
    @Singleton
    public static class Json implements ObjectMapperCustomizer {
        @Override
        public void customize(ObjectMapper mapper) {
            mapper.registerModule(new SimpleModule("jixiao-no-nul-text").addDeserializer(String.class, new Strings()));
        }
    }

    /** The decoded path and query parameters, before any resource sees them. */
    @ServerRequestFilter(preMatching = true)
    public void pathAndQuery(ContainerRequestContext ctx) {
        if (has(ctx.getUriInfo().getPath())) {
            throw new InvalidInputException("path", MESSAGE);
        }
        for (Map.Entry<String, List<String>> q : ctx.getUriInfo().getQueryParameters().entrySet()) {
            if (has(q.getKey()) || q.getValue().stream().anyMatch(NoNulText::has)) {
                throw new InvalidInputException(has(q.getKey()) ? "query" : q.getKey(), MESSAGE);
            }
        }
    }
}
