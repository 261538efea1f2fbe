package io.jixiao.indicator.domain.scoring;

import java.util.List;

/**
 * The strategy map's direction of cause and effect in the localized 4+1 scorecard: learning and growth drives the
 * internal process, which drives the public, which drives finance; political responsibility stands above all four.
 * A link may only point upward, so a map never has a cycle.
 */
public final class StrategyMap {

    /** Bottom to top. */
    public static final List<Dimension> LEVELS = List.of(Dimension.LEARNING, Dimension.PROCESS, Dimension.PUBLIC,
            Dimension.FINANCIAL, Dimension.POLITICAL);

    private StrategyMap() {
    }

    public static int level(Dimension d) {
        return LEVELS.indexOf(d);
    }

    /** Whether an objective of dimension {@code cause} may drive one of dimension {@code effect}. */
    public static boolean mayCause(Dimension cause, Dimension effect) {
        return level(cause) < level(effect);
    }
}
