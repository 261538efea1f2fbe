package io.jixiao.survey.domain.review;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A subject's 好差评 figures for a month, counted over the reviews rated in it that are not voided: how many bad reviews
 * were answered, answered on time (on or before the due date), and closed. Rates are percentages; with no bad review
 * there is nothing to answer and the three rates are 100. Pure.
 */
public record ReviewMetrics(long reviews, long goodReviews, long badReviews, long answered, long answeredOnTime,
        long closed) {

    public ReviewMetrics {
        if (reviews < 0 || goodReviews + badReviews > reviews || answered > badReviews || answeredOnTime > answered
                || closed > answered) {
            throw new IllegalArgumentException("inconsistent review counts: " + reviews + "/" + goodReviews + "/"
                    + badReviews + "/" + answered + "/" + answeredOnTime + "/" + closed);
        }
    }

    /** 差评响应率: share of bad reviews the department answered. */
    public BigDecimal responseRate() {
        return rate(answered, badReviews);
    }

    /** 整改率: share of bad reviews whose rectification is closed. */
    public BigDecimal rectificationRate() {
        return rate(closed, badReviews);
    }

    /** 按期响应率: share of bad reviews answered within 15 working days. */
    public BigDecimal onTimeRate() {
        return rate(answeredOnTime, badReviews);
    }

    /** 好评率: share of good reviews (基本满意 or better, everything that is not a bad review); null without any review. */
    public BigDecimal goodRate() {
        return reviews == 0 ? null : percent(goodReviews, reviews);
    }

    private static BigDecimal rate(long part, long whole) {
        return whole == 0 ? BigDecimal.valueOf(100) : percent(part, whole);
    }

    private static BigDecimal percent(long part, long whole) {
        BigDecimal p = BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 4,
                RoundingMode.HALF_UP).stripTrailingZeros();
        return p.scale() < 0 ? p.setScale(0) : p; // 50, not 5E+1
    }

}
