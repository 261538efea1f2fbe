package io.jixiao.indicator.domain.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

import io.jixiao.indicator.domain.quality.QualityRules.Kind;
import io.jixiao.indicator.domain.quality.QualityRules.YearPair;

/** The data-quality rules of DESIGN section 3, on hand-computed cases and at their boundaries. */
class QualityRulesTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static List<Kind> kinds(boolean satisfaction, String value, String... earlier) {
        return QualityRules.check(satisfaction, d(value), QualityRules.Moments.of(java.util.Arrays.stream(earlier)
                .map(BigDecimal::new).toList())).stream().map(QualityRules.Finding::kind).toList();
    }

    @Test
    void aSatisfactionValueAbove99IsSuspiciousAnd99ItselfIsNot() {
        assertEquals(List.of(), kinds(true, "99"));
        assertEquals(List.of(Kind.SUSPICIOUS_HIGH), kinds(true, "99.01"));
        assertEquals(List.of(Kind.SUSPICIOUS_HIGH), kinds(true, "100"));
        // only satisfaction-type indicators: 100 of something else is just 100
        assertEquals(List.of(), kinds(false, "100"));
        assertEquals(List.of(),
                QualityRules.check(true, null, QualityRules.Moments.NONE).stream().map(QualityRules.Finding::kind)
                        .toList(),
                "a qualitative level is never suspicious");
    }

    @Test
    void anOutlierIsMoreThanThreePopulationStandardDeviationsFromAtLeastFourEarlierValues() {
        // 10, 12, 11, 13: mean 11.5, population σ = √1.25 = 1.1180…, 3σ = 3.3541…
        assertEquals(List.of(Kind.OUTLIER), kinds(false, "15", "10", "12", "11", "13"), "3.5 away > 3σ");
        assertEquals(List.of(), kinds(false, "14.8", "10", "12", "11", "13"), "3.3 away < 3σ");
        assertEquals(List.of(Kind.OUTLIER), kinds(false, "8.1", "10", "12", "11", "13"), "3.4 below > 3σ");
        assertEquals(List.of(), kinds(false, "100", "10", "12", "13"), "three earlier values are not a history");
        // 9, 11, 9, 11: mean 10, σ = 1 exactly; 3σ away is not more than 3σ, a hundred-millionth further is
        assertEquals(List.of(), kinds(false, "13", "9", "11", "9", "11"));
        assertEquals(List.of(), kinds(false, "7", "9", "11", "9", "11"));
        assertEquals(List.of(Kind.OUTLIER), kinds(false, "13.00000001", "9", "11", "9", "11"));
        assertEquals(List.of(Kind.OUTLIER), kinds(false, "6.99999999", "9", "11", "9", "11"));
        // identical history: σ = 0, any other value is more than 3σ away, the same value is not
        assertEquals(List.of(Kind.OUTLIER), kinds(false, "50.5", "50", "50", "50", "50"));
        assertEquals(List.of(), kinds(false, "50", "50", "50", "50", "50"));
        // both at once
        assertEquals(List.of(Kind.SUSPICIOUS_HIGH, Kind.OUTLIER), kinds(true, "99.9", "80", "81", "79", "80"));
        String detail = QualityRules.check(false, d("15"), QualityRules.Moments.of(List.of(d("10"), d("12"), d("11"),
                d("13")))).get(0)
                .detail();
        assertTrue(detail.contains("3.13 standard deviations") && detail.contains("mean 11.5"), detail);
        // a hair over 3σ is not written as 3.00, which would read as not an outlier
        detail = QualityRules.check(false, d("13.00000001"), QualityRules.Moments.of(List.of(d("9"), d("11"), d("9"),
                d("11")))).get(0).detail();
        assertTrue(detail.contains(" is just over 3 standard deviations from the mean of 4 earlier values"), detail);
    }

    /**
     * The mean and population variance as the rule was first written: every squared deviation from the mean, summed.
     * A value is an outlier when its distance from the mean is more than 3σ, that is (both sides squared, exactly) when
     * the squared distance is more than 9 variances.
     */
    record Spread(BigDecimal mean, BigDecimal variance) {
        static Spread of(List<BigDecimal> earlier) {
            MathContext mc = MathContext.DECIMAL64;
            BigDecimal n = BigDecimal.valueOf(earlier.size());
            BigDecimal mean = earlier.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(n, mc);
            BigDecimal variance = earlier.stream().map(x -> x.subtract(mean).pow(2)).reduce(BigDecimal.ZERO,
                    BigDecimal::add).divide(n, mc);
            return new Spread(mean, variance);
        }

        BigDecimal sd() {
            return variance.sqrt(MathContext.DECIMAL64);
        }

        boolean outlier(BigDecimal value) {
            return value.subtract(mean).pow(2).compareTo(QualityRules.SIGMAS.pow(2).multiply(variance)) > 0;
        }
    }

    @Property(tries = 2000)
    void theMomentsGiveTheSameVerdictAsTheValuesThemselves(
            @ForAll @Size(max = 30) List<@BigRange(min = "-1000000", max = "1000000") @Scale(8) BigDecimal> earlier,
            @ForAll @BigRange(min = "-1000000", max = "1000000") @Scale(8) BigDecimal value,
            @ForAll @IntRange(min = 0, max = 3) int near) {
        boolean history = earlier.size() >= QualityRules.MIN_HISTORY;
        Spread spread = history ? Spread.of(earlier) : null;
        // mostly a value at 3σ exactly or 10⁻⁸ either side, so the boundary is met as often as the open ground
        if (history && near > 0) {
            value = spread.mean().add(QualityRules.SIGMAS.multiply(spread.sd())).add(BigDecimal.valueOf(near - 2, 8));
        }
        List<Kind> expected = history && spread.outlier(value) ? List.of(Kind.OUTLIER) : List.of();
        assertEquals(expected, QualityRules.check(false, value, QualityRules.Moments.of(earlier)).stream()
                .map(QualityRules.Finding::kind).toList());
    }

    @Test
    void aZombieChangedByLessThanOnePercentForEverySubject() {
        assertTrue(QualityRules.zombie(List.of(new YearPair("A", d("100"), d("100.99")),
                new YearPair("B", d("-50"), d("-50.2")))));
        assertFalse(QualityRules.zombie(List.of(new YearPair("A", d("100"), d("100.5")),
                new YearPair("B", d("100"), d("101")))), "exactly 1% is a change");
        assertFalse(QualityRules.zombie(List.of()), "no pair, no evidence");
        assertTrue(QualityRules.zombie(List.of(new YearPair("A", d("0"), d("0")))));
        assertFalse(QualityRules.zombie(List.of(new YearPair("A", d("0"), d("0.001")))), "from 0 any change counts");
    }
}
