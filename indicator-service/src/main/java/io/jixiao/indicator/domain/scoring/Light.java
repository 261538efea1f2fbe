package io.jixiao.indicator.domain.scoring;

import java.math.BigDecimal;

public enum Light {
    GREEN, YELLOW, RED;

    /** Thresholds: GREEN at or above {@code green}, YELLOW at or above {@code yellow}, else RED (on the shown score). */
    public record Thresholds(BigDecimal green, BigDecimal yellow) {
        public static final Thresholds DEFAULT = new Thresholds(BigDecimal.valueOf(90), BigDecimal.valueOf(60));

        public Thresholds {
            if (green.compareTo(yellow) < 0) {
                throw new IllegalArgumentException("green threshold below yellow threshold");
            }
        }

        public Light of(BigDecimal score) {
            BigDecimal shown = Scores.shown(score);
            return shown.compareTo(green) >= 0 ? GREEN : shown.compareTo(yellow) >= 0 ? YELLOW : RED;
        }
    }
}
