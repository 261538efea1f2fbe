package io.jixiao.indicator.domain.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Scores#div} works ending quotients out in longs: it must give what {@code a.divide(b, DECIMAL128)} gives,
 * value and scale ({@link BigDecimal#equals} compares both), for every operand.
 */
class ScoresTest {

    @Provide
    Arbitrary<BigDecimal> operands() {
        Arbitrary<Long> unscaled = Arbitraries.oneOf(Arbitraries.longs().between(-999_999_999_999_999_999L,
                999_999_999_999_999_999L), Arbitraries.longs().between(-1000, 1000));
        return Combinators.combine(unscaled, Arbitraries.integers().between(-6, 14)).as(BigDecimal::valueOf);
    }

    /** A divisor made of 2s and 5s (and a factor of the dividend's), so that most quotients end. */
    @Provide
    Arbitrary<BigDecimal[]> ending() {
        return Combinators.combine(operands(), Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 20), Arbitraries.longs().between(1, 999),
                Arbitraries.integers().between(-4, 12))
                .as((a, twos, fives, common, scale) -> {
                    BigInteger d = BigInteger.TWO.pow(twos).multiply(BigInteger.valueOf(5).pow(fives))
                            .multiply(BigInteger.valueOf(common));
                    BigDecimal dividend = new BigDecimal(a.unscaledValue().multiply(BigInteger.valueOf(common)),
                            a.scale());
                    return new BigDecimal[]{dividend, new BigDecimal(d, scale)};
                });
    }

    @Property(tries = 3000)
    void endingQuotientsAreTheJdksToTheScale(@ForAll("ending") BigDecimal[] ab) {
        assertEquals(ab[0].divide(ab[1], Scores.MC), Scores.div(ab[0], ab[1]), ab[0] + " / " + ab[1]);
    }

    @Property(tries = 3000)
    void anyQuotientIsTheJdksToTheScale(@ForAll("operands") BigDecimal a, @ForAll("operands") BigDecimal b) {
        if (b.signum() != 0) {
            assertEquals(a.divide(b, Scores.MC), Scores.div(a, b), a + " / " + b);
        }
    }

    @Test
    void theFastPathTakesEndingQuotientsAndLeavesTheRest() {
        assertEquals(new BigDecimal("0.57"), Scores.endingQuotient(new BigDecimal("57"), new BigDecimal("100")));
        assertEquals(new BigDecimal("0.375"), Scores.endingQuotient(new BigDecimal("3"), new BigDecimal("8")));
        assertEquals(new BigDecimal("-25.0"), Scores.endingQuotient(new BigDecimal("-50.0"), new BigDecimal("2")));
        assertEquals(new BigDecimal("0.00"), Scores.endingQuotient(new BigDecimal("0.00"), new BigDecimal("7")));
        assertNull(Scores.endingQuotient(BigDecimal.ONE, new BigDecimal("3")), "1/3 never ends");
        assertNull(Scores.endingQuotient(BigDecimal.ONE, new BigDecimal("1E-30").multiply(new BigDecimal(
                "1267650600228229401496703205376"))), "a divisor of 31 digits is the JDK's");
        assertNull(Scores.endingQuotient(new BigDecimal("999999999999999999"), new BigDecimal("1024")),
                "a quotient beyond a long is the JDK's");
        assertNotNull(Scores.endingQuotient(new BigDecimal("100"), new BigDecimal("1E+3")));
        assertEquals(new BigDecimal("100").divide(new BigDecimal("1E+3"), Scores.MC), Scores.div(new BigDecimal("100"),
                new BigDecimal("1E+3")));
    }
}
