package io.jixiao.survey.domain.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class ReviewMetricsTest {

    @Test
    void ratesAreSharesOfTheBadReviews() {
        // 12 reviews, 3 bad: 2 answered (1 on time), 1 closed
        ReviewMetrics m = new ReviewMetrics(12, 9, 3, 2, 1, 1);
        assertEquals(new BigDecimal("66.6667"), m.responseRate());
        assertEquals(new BigDecimal("33.3333"), m.onTimeRate());
        assertEquals(new BigDecimal("33.3333"), m.rectificationRate());
        assertEquals(new BigDecimal("75"), m.goodRate());
    }

    @Test
    void withoutBadReviewsThereIsNothingToAnswer() {
        ReviewMetrics m = new ReviewMetrics(4, 4, 0, 0, 0, 0);
        assertEquals(0, m.responseRate().compareTo(BigDecimal.valueOf(100)));
        assertEquals(0, m.rectificationRate().compareTo(BigDecimal.valueOf(100)));
        assertEquals(0, m.onTimeRate().compareTo(BigDecimal.valueOf(100)));
        assertNull(new ReviewMetrics(0, 0, 0, 0, 0, 0).goodRate());
    }

    @Test
    void inconsistentCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ReviewMetrics(2, 1, 2, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReviewMetrics(3, 0, 3, 1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReviewMetrics(3, 0, 3, 1, 1, 2));
    }
}
