package io.jixiao.webkit;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * Which HTTP methods each of the service's resource paths answers, read once from its JAX-RS resource classes: what a
 * 405 names in its {@code Allow} header (RFC 9110 requires it), and what turns a path that exists for other methods
 * into a 405 rather than a 404. RESTEasy Reactive answers neither right by itself: its 405 carries no {@code Allow},
 * and when a request's path also starts like another resource class's ({@code POST /cycles/{id}/ledger/verify} asked
 * with GET, next to the class of {@code /cycles/{id}}), it answers 404.
 */
@ApplicationScoped
public class ResourceMethods {

    /** {@code {name}} or {@code {name: regex}} in a path template. */
    private static final Pattern PARAMETER = Pattern
            .compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    record Route(Pattern path, String method) {
    }

    private final BeanManager beans;
    private volatile List<Route> routes;

    @Inject
    public ResourceMethods(BeanManager beans) {
        this.beans = beans;
    }

    /** The methods of the resource classes among {@code classes}, read now (for tests). */
    static ResourceMethods of(Collection<Class<?>> classes) {
        ResourceMethods m = new ResourceMethods(null);
        m.routes = read(classes);
        return m;
    }

    /**
     * The methods {@code path} (as the request named it, without its query) answers: its resource methods' own, HEAD
     * with GET, and OPTIONS, in alphabetical order; empty when no resource has this path.
     */
    public Set<String> allowed(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route r : routes()) {
            if (r.path().matcher(path).matches()) {
                methods.add(r.method());
            }
        }
        if (methods.isEmpty()) {
            return methods;
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return methods;
    }

    /**
     * When {@code path} exists but not for {@code method}: the methods it answers, for the 405's {@code Allow} header
     * (joined by {@link #header}). Empty when the path answers {@code method} or when no resource has it (a 404).
     */
    public Set<String> refusing(String path, String method) {
        Set<String> allowed = allowed(path);
        return allowed.contains(method) ? Set.of() : allowed;
    }

    /** The {@code Allow} header's value for these methods. */
    public static String header(Set<String> methods) {
        return String.join(", ", methods);
    }

    private List<Route> routes() {
        List<Route> r = routes;
        if (r == null) {
            r = read(beans.getBeans(Object.class, Any.Literal.INSTANCE).stream().map(Bean::getBeanClass).toList());
            routes = r;
        }
        return r;
    }

    /** The routes of the resource classes among {@code classes}: those with {@code @Path} that are not interfaces. */
    static List<Route> read(Collection<Class<?>> classes) {
        List<Route> routes = new ArrayList<>();
        for (Class<?> c : classes) {
            Path root = c.getAnnotation(Path.class);
            if (root == null || c.isInterface()) {
                continue;
            }
            for (Method m : c.getMethods()) {
                String verb = httpMethod(m);
                if (verb != null) {
                    Path sub = m.getAnnotation(Path.class);
                    routes.add(new Route(template(root.value() + (sub == null ? "" : "/" + sub.value())), verb));
                }
            }
        }
        return List.copyOf(routes);
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** A path template as a pattern of the paths it matches: a parameter is one segment, or its own regex. */
    static Pattern template(String template) {
        String t = ("/" + template).replaceAll("/+", "/");
        if (t.length() > 1 && t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAMETER.matcher(t);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(t.substring(at, m.start())));
            regex.append(m.group(1) == null ? "[^/]+" : "(?:" + m.group(1).trim() + ")");
            at = m.end();
        }
        regex.append(Pattern.quote(t.substring(at))).append("/?");
        return Pattern.compile(regex.toString());
    }
}
