package io.jixiao.kit.web;

import java.util.Collection;
import java.util.Map;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * An answer that is a Java object (a record, a page, a list, a map) is JSON, whatever the request's {@code Accept}
 * says. Without this, a method with no {@code @Produces} asked for {@code text/plain}, {@code text/html},
 * {@code application/xml} or even {@code image/png} answered the record's {@code toString()} under that media type
 * (RFC 9110 lets a server disregard {@code Accept} rather than answer 406, and a 406 would come after a write had
 * already happened). Files (CSV, Excel) are bytes or text with their own type and are left alone, and so are problems.
 */
public class JsonAnswers {

    @ServerResponseFilter
    public void json(ContainerResponseContext res) {
        Object entity = res.getEntity();
        if (entity == null || !(entity.getClass().isRecord() || entity instanceof Collection
                || entity instanceof Map)) {
            return;
        }
        MediaType type = res.getMediaType();
        if (type != null && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"))) {
            return;
        }
        res.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"));
    }
}
