package io.jixiao.indicator.domain.scoring;

import java.util.ArrayList;
import java.util.List;

/** The definition rules of DESIGN section 3: an indicator the scorer could not score is refused up front. */
public final class SpecValidator {

    public record Problem(String field, String message) {
    }

    private SpecValidator() {
    }

    public static List<Problem> check(IndicatorSpec s) {
        List<Problem> p = new ArrayList<>();
        if (s.kind() == IndicatorKind.QUALITATIVE) {
            if (s.rubric() == null || s.rubric().isEmpty()) {
                p.add(new Problem("rubric", "a qualitative indicator needs a rubric (level → points)"));
            } else {
                s.rubric().forEach((level, pts) -> {
                    if (pts == null || pts.signum() < 0 || pts.compareTo(Scores.HUNDRED) > 0) {
                        p.add(new Problem("rubric." + level, "points must be between 0 and 100"));
                    }
                });
            }
            return p;
        }
        switch (s.polarity()) {
            case HIGHER_BETTER -> {
                if (s.target() == null) {
                    p.add(new Problem("target", "is required"));
                } else if (s.floor() != null) {
                    if (s.floor().compareTo(s.target()) >= 0) {
                        p.add(new Problem("floor", "must be below the target for HIGHER_BETTER"));
                    }
                } else if (s.target().signum() <= 0) {
                    p.add(new Problem("target", "must be positive for HIGHER_BETTER without a floor"));
                }
            }
            case LOWER_BETTER -> {
                if (s.target() == null) {
                    p.add(new Problem("target", "is required"));
                } else if (s.floor() != null) {
                    if (s.floor().compareTo(s.target()) <= 0) {
                        p.add(new Problem("floor", "must be above the target for LOWER_BETTER"));
                    }
                } else if (s.target().signum() < 0) {
                    p.add(new Problem("target", "must not be negative for LOWER_BETTER without a floor"));
                }
            }
            case RANGE -> {
                if (s.rangeLo() == null || s.rangeHi() == null) {
                    p.add(new Problem("rangeLo", "a RANGE indicator needs rangeLo and rangeHi"));
                } else if (s.rangeLo().compareTo(s.rangeHi()) > 0) {
                    p.add(new Problem("rangeLo", "must not exceed rangeHi"));
                }
                if (s.tolerance() == null || s.tolerance().signum() <= 0) {
                    p.add(new Problem("tolerance", "must be positive for RANGE"));
                }
            }
        }
        return p;
    }

    public static boolean valid(IndicatorSpec s) {
        return check(s).isEmpty();
    }
}
