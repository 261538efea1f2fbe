package io.jixiao.indicator.domain.scoring;

import java.math.BigDecimal;

import static io.jixiao.indicator.domain.scoring.Scores.HUNDRED;
import static io.jixiao.indicator.domain.scoring.Scores.clamp;
import static io.jixiao.indicator.domain.scoring.Scores.div;

/** The indicator score s ∈ [0, 100] of DESIGN section 3, at full precision. */
public final class IndicatorScorer {

    private IndicatorScorer() {
    }

    /** Scores a numeric actual a against the spec. */
    public static BigDecimal score(IndicatorSpec s, BigDecimal a) {
        if (s.kind() == IndicatorKind.QUALITATIVE) {
            throw new IllegalArgumentException(s.code() + " is qualitative: give a rubric level");
        }
        BigDecimal t = s.target();
        BigDecimal f = s.floor();
        return switch (s.polarity()) {
            case HIGHER_BETTER -> f != null
                    ? clamp(div(HUNDRED.multiply(a.subtract(f)), t.subtract(f)))
                    : clamp(div(HUNDRED.multiply(a), t));
            case LOWER_BETTER -> {
                if (f != null) {
                    yield clamp(div(HUNDRED.multiply(f.subtract(a)), f.subtract(t)));
                }
                if (a.compareTo(t) <= 0) {
                    yield HUNDRED;
                }
                yield clamp(div(HUNDRED.multiply(t), a));
            }
            case RANGE -> {
                BigDecimal dist = a.compareTo(s.rangeLo()) < 0
                        ? s.rangeLo().subtract(a)
                        : a.compareTo(s.rangeHi()) > 0 ? a.subtract(s.rangeHi()) : BigDecimal.ZERO;
                yield dist.signum() == 0
                        ? HUNDRED
                        : clamp(HUNDRED.multiply(BigDecimal.ONE.subtract(div(dist, s.tolerance()))));
            }
        };
    }

    /** Scores a qualitative level from the rubric; an unknown level is refused. */
    public static BigDecimal scoreLevel(IndicatorSpec s, String level) {
        BigDecimal pts = s.rubric().get(level);
        if (pts == null) {
            throw new IllegalArgumentException("level '" + level + "' is not in the rubric of " + s.code() + " "
                    + s.rubric().keySet());
        }
        return clamp(pts);
    }
}
