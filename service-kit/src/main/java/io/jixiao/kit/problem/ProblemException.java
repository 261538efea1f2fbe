package io.jixiao.kit.problem;

import java.util.List;

/**
 * Base of the domain exceptions that become a problem response. Services subclass the kinds below with domain names
 * ({@code CycleNotFoundException extends ResourceNotFoundException}).
 */
public abstract class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.Violation> violations;

    protected ProblemException(int status, String slug, String title, String detail,
            List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    /** 404: the resource does not exist (or the caller may not know it exists). */
    public static class ResourceNotFoundException extends ProblemException {
        public ResourceNotFoundException(String what, Object id) {
            super(404, "not-found", "Not found", what + " '" + id + "' does not exist", null);
        }
    }

    /** 409: the request is valid but conflicts with the current state (lifecycle, duplicates). */
    public static class ConflictException extends ProblemException {
        public ConflictException(String detail) {
            super(409, "conflict", "Conflict", detail, null);
        }
    }

    /** 400 with the offending field named. */
    public static class InvalidInputException extends ProblemException {
        public InvalidInputException(String field, String message) {
            super(400, "validation", "Invalid input", field + ": " + message,
                    List.of(new Problem.Violation(field, message)));
        }

        public InvalidInputException(List<Problem.Violation> violations) {
            super(400, "validation", "Invalid input", violations.size() + " field(s) invalid", violations);
        }
    }

    /** 422: well-formed but breaks a business rule (weights not summing, a rule the domain refuses). */
    public static class RuleViolationException extends ProblemException {
        public RuleViolationException(String detail) {
            super(422, "rule-violation", "Business rule violated", detail, null);
        }

        public RuleViolationException(String field, String detail) {
            super(422, "rule-violation", "Business rule violated", detail,
                    List.of(new Problem.Violation(field, detail)));
        }

        public RuleViolationException(List<Problem.Violation> violations) {
            super(422, "rule-violation", "Business rule violated", violations.size() + " rule(s) violated: "
                    + violations.get(0).message(), violations);
        }
    }

    /** 403 from an object-level check: authenticated, right role, but not this object. */
    public static class AccessDeniedException extends ProblemException {
        public AccessDeniedException(String detail) {
            super(403, "forbidden", "Forbidden", detail, null);
        }
    }

    /** 412: the If-Match version is not the current one. */
    public static class PreconditionFailedException extends ProblemException {
        public PreconditionFailedException(String detail) {
            super(412, "precondition-failed", "Precondition failed", detail, null);
        }
    }

    /** 415: the body's media type, or a parameter of it such as its charset, is not one this operation reads. */
    public static class UnsupportedMediaTypeException extends ProblemException {
        public UnsupportedMediaTypeException(String detail) {
            super(415, "unsupported-media-type", "Unsupported Media Type", detail, null);
        }
    }

    /** A refusal that the client may try again after a while: answered with {@code Retry-After}. */
    public abstract static class RetryLaterException extends ProblemException {
        private final long retryAfterSeconds;

        protected RetryLaterException(int status, String slug, String title, String detail, long retryAfterSeconds) {
            super(status, slug, title, detail, null);
            this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** 429: too many requests from this client or device; {@code Retry-After} says when to come back. */
    public static class TooManyRequestsException extends RetryLaterException {
        public TooManyRequestsException(String detail, long retryAfterSeconds) {
            super(429, "too-many-requests", "Too many requests", detail, retryAfterSeconds);
        }
    }

    /** 503: a part this request needs (the event broker) did not answer in time; nothing changed, try again later. */
    public static class UnavailableException extends RetryLaterException {
        public UnavailableException(String detail, long retryAfterSeconds) {
            super(503, "unavailable", "Service unavailable", detail, retryAfterSeconds);
        }
    }
}
