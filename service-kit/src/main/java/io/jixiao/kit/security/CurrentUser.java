package io.jixiao.kit.security;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.jixiao.kit.problem.ProblemException.AccessDeniedException;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling, from the verified JWT: subject, roles, and the {@code dept} / {@code org} claims. */
@RequestScoped
public class CurrentUser {

    public static final String ADMIN = "admin";
    public static final String SUPERIOR = "superior";
    public static final String DEPARTMENT = "department";
    public static final String ASSESSOR = "assessor";
    public static final String FINANCE = "finance";
    public static final String SYSTEM = "system";
    /** Any authenticated caller, whatever its role (Quarkus reads {@code "**"} so in {@code @RolesAllowed}). */
    public static final String ANY_ROLE = "**";

    private final SecurityIdentity identity;
    private final JsonWebToken jwt;

    public CurrentUser(SecurityIdentity identity, JsonWebToken jwt) {
        this.identity = identity;
        this.jwt = jwt;
    }

    public String subject() {
        return jwt.getSubject() != null ? jwt.getSubject() : identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public Optional<String> dept() {
        return Optional.ofNullable(jwt.<Object>getClaim("dept")).map(Object::toString);
    }

    /**
     * A department reads only its own subject's data: refuses a department caller whose {@code dept} is not
     * {@code subject}, saying "a department sees only its own {@code what}". Other roles pass.
     */
    public void requireOwnIfDepartment(String subject, String what) {
        if (hasRole(DEPARTMENT) && dept().filter(subject::equals).isEmpty()) {
            throw new AccessDeniedException("a department sees only its own " + what);
        }
    }

    public Optional<String> org() {
        return Optional.ofNullable(jwt.<Object>getClaim("org")).map(Object::toString);
    }
}
