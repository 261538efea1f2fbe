package io.jixiao.survey.domain.index;

import java.math.BigDecimal;

/**
 * A group's response scores summarized: n, mean, and sample standard deviation (n − 1; 0 for a single response).
 * Built from raw scores, or from SQL aggregates when recomputing over millions of responses.
 */
public record GroupStats(long n, BigDecimal mean, BigDecimal sampleStdDev) {

    public GroupStats {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
    }

    public static GroupStats of(java.util.List<BigDecimal> scores) {
        long n = scores.size();
        if (n == 0) {
            return new GroupStats(0, null, null);
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal s : scores) {
            sum = sum.add(s);
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(n), SatisfactionIndex.MC);
        if (n == 1) {
            return new GroupStats(1, mean, BigDecimal.ZERO);
        }
        BigDecimal sq = BigDecimal.ZERO;
        for (BigDecimal s : scores) {
            BigDecimal d = s.subtract(mean);
            sq = sq.add(d.multiply(d));
        }
        return new GroupStats(n, mean, sq.divide(BigDecimal.valueOf(n - 1), SatisfactionIndex.MC)
                .sqrt(SatisfactionIndex.MC));
    }
}
