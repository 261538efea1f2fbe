package io.jixiao.gateway.domain;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which service serves which {@code /api/v1} path (DESIGN section 9), first match wins; which paths are public
 * (anonymous survey access); which roles may call a route at all (the coarse check at the door: the services decide
 * the rest, per action and per object); and which paths take large uploads (imports and bulk calls). Plain Java:
 * tested without a server.
 */
public final class RouteTable {

    /** Roles of the suite (the JWT {@code groups}). */
    public static final Set<String> ALL_ROLES = Set.of("admin", "superior", "department", "assessor", "finance",
            "system");

    private static final Pattern LARGE_UPLOAD = Pattern.compile(".*/(import|bulk)(/.*)?$");

    /**
     * Where a path goes. {@code area} names the routes in words, for a refusal: the service, or its operations
     * ({@code "indicator operations"}) for the routes only admins may use.
     */
    public record Target(String service, String area, URI base, boolean publicAccess, Set<String> roles,
            boolean largeUpload) {

        /** Whether a caller with these roles may use this route. */
        public boolean admits(Set<String> callerRoles) {
            return publicAccess || callerRoles.stream().anyMatch(roles::contains);
        }
    }

    private record Rule(Pattern pattern, String service, String area, boolean publicAccess, Set<String> roles) {

        Rule(Pattern pattern, String service, boolean publicAccess, Set<String> roles) {
            this(pattern, service, service, publicAccess, roles);
        }
    }

    private final List<Rule> rules;
    private final Map<String, URI> bases;

    public RouteTable(Map<String, URI> bases) {
        this.bases = bases;
        this.rules = List.of(
                new Rule(Pattern.compile("^/api/v1/public/.*"), "survey", true, Set.of()),
                new Rule(Pattern.compile("^/api/v1/subjects/[^/]+/satisfaction(/.*)?$"), "survey", false, ALL_ROLES),
                new Rule(Pattern.compile("^/api/v1/(surveys|reviews|rectifications|calendar|satisfaction)(/.*)?$"),
                        "survey", false, ALL_ROLES),
                new Rule(
                        Pattern.compile(
                                "^/api/v1/(subjects|missions|objectives|indicators|values|quality|scorecards|periods)(/.*)?$"),
                        "indicator", false, ALL_ROLES),
                new Rule(Pattern.compile("^/api/v1/cycles(/.*)?$"), "evaluation", false, ALL_ROLES),
                // each service's operations (its dead-letter topic), for admins only
                ops("indicator"), ops("evaluation"), ops("survey"), ops("budget"),
                // third-party assessors have no business with budgets
                new Rule(Pattern.compile("^/api/v1/budget(/.*)?$"), "budget", false,
                        Set.of("admin", "finance", "superior", "department", "system")));
    }

    /** A service's operations (its dead-letter topic), for admins only. */
    private static Rule ops(String service) {
        return new Rule(Pattern.compile("^/api/v1/ops/" + service + "(/.*)?$"), service, service + " operations", false,
                Set.of("admin"));
    }

    public Optional<Target> resolve(String path) {
        if (path == null || path.contains("..") || path.contains("//")) {
            return Optional.empty();
        }
        for (Rule r : rules) {
            if (r.pattern().matcher(path).matches()) {
                boolean large = LARGE_UPLOAD.matcher(path).matches();
                return Optional.of(new Target(r.service(), r.area(), bases.get(r.service()), r.publicAccess(),
                        r.roles(), large));
            }
        }
        return Optional.empty();
    }
}
