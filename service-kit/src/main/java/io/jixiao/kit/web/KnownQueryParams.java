package io.jixiao.kit.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.jixiao.kit.problem.ProblemException.InvalidInputException;

/**
 * A query parameter the operation does not take is bad input, not something to ignore: {@code ?subjet=FIN} on a list
 * answered every subject's rows, and the caller could not tell that its filter had been dropped. The refusal names
 * the parameter and lists the ones the operation takes ("takes page, period, size, status, subject"), as an unknown
 * body property is refused. Read from the matched resource method's {@code @QueryParam}s, once per method.
 */
public class KnownQueryParams {

    private final Map<Method, Set<String>> taken = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void check(ContainerRequestContext ctx, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || ctx.getUriInfo().getQueryParameters().isEmpty()) {
            return;
        }
        Set<String> names = taken.computeIfAbsent(method, KnownQueryParams::queryParams);
        for (String given : ctx.getUriInfo().getQueryParameters().keySet()) {
            if (!names.contains(given)) {
                throw new InvalidInputException(given, names.isEmpty()
                        ? "is not a parameter of this operation; it takes no query parameters"
                        : "is not a parameter of this operation; it takes " + String.join(", ", names));
            }
        }
    }

    static Set<String> queryParams(Method method) {
        Set<String> names = new TreeSet<>();
        for (Annotation[] parameter : method.getParameterAnnotations()) {
            for (Annotation a : parameter) {
                if (a instanceof QueryParam q) {
                    names.add(q.value());
                }
            }
        }
        return names;
    }
}
