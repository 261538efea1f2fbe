package io.jixiao.webkit;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.QueryParam;

/**
 * A query parameter an operation does not take is bad input, not something to ignore: {@code ?subjet=FIN} on a list
 * answered every subject's rows, and the caller could not tell that its filter had been dropped. This names the first
 * such parameter of a request and why, listing the ones the operation takes ("takes page, period, size, status,
 * subject"), as an unknown body property is refused. Read from the resource method's {@code @QueryParam}s, once per
 * method. The services and the gateway each refuse with their own problem type.
 */
@ApplicationScoped
public class QueryParamsTaken {

    /** A query parameter the operation does not take, and the message that says what it takes. */
    public record Unknown(String name, String message) {
    }

    private final Map<Method, Set<String>> taken = new ConcurrentHashMap<>();

    /** The first of {@code given} that {@code method} does not take, or null when it takes them all. */
    public Unknown firstUnknown(Method method, Collection<String> given) {
        if (method == null || given.isEmpty()) {
            return null;
        }
        Set<String> names = taken.computeIfAbsent(method, QueryParamsTaken::queryParams);
        for (String name : given) {
            if (!names.contains(name)) {
                return new Unknown(name, names.isEmpty()
                        ? "is not a parameter of this operation; it takes no query parameters"
                        : "is not a parameter of this operation; it takes " + String.join(", ", names));
            }
        }
        return null;
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
