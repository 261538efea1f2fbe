package io.jixiao.gateway.domain;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which service serves which {@code /api/v1} path (DESIGN section 9), first match wins; and which paths are public
 * (anonymous survey access). Plain Java: tested without a server.
 */
public final class RouteTable {

    public record Target(String service, URI base, boolean publicAccess) {
    }

    private record Rule(Pattern pattern, String service, boolean publicAccess) {
    }

    private final List<Rule> rules;
    private final java.util.Map<String, URI> bases;

    public RouteTable(java.util.Map<String, URI> bases) {
        this.bases = bases;
        this.rules = List.of(
                new Rule(Pattern.compile("^/api/v1/public/.*"), "survey", true),
                new Rule(Pattern.compile("^/api/v1/subjects/[^/]+/satisfaction(/.*)?$"), "survey", false),
                new Rule(Pattern.compile("^/api/v1/(surveys|reviews|rectifications|calendar|satisfaction)(/.*)?$"),
                        "survey", false),
                new Rule(Pattern.compile("^/api/v1/(subjects|missions|objectives|indicators|values|quality)(/.*)?$"),
                        "indicator", false),
                new Rule(Pattern.compile("^/api/v1/cycles(/.*)?$"), "evaluation", false),
                new Rule(Pattern.compile("^/api/v1/budget(/.*)?$"), "budget", false));
    }

    public Optional<Target> resolve(String path) {
        if (path == null || path.contains("..") || path.contains("//")) {
            return Optional.empty();
        }
        for (Rule r : rules) {
            if (r.pattern().matcher(path).matches()) {
                return Optional.of(new Target(r.service(), bases.get(r.service()), r.publicAccess()));
            }
        }
        return Optional.empty();
    }
}
