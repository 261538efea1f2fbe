package io.jixiao.kit.web;

import java.util.List;

import io.jixiao.kit.problem.Problem;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;

/** The version a client saw, from its {@code If-Match} header (DESIGN section 8: a mismatch is a 412). */
public final class IfMatch {

    public static final String HEADER = "If-Match";

    private IfMatch() {
    }

    /** The version in an If-Match header ({@code "3"}, {@code W/"3"} or {@code 3}); null when absent or {@code *}. */
    public static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String v = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(List.of(new Problem.Violation(HEADER, "must be a version such as \"3\"")));
        }
    }
}
