package io.jixiao.evaluation.domain.composite;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.jixiao.evaluation.domain.composite.CompositeCalculator.Inputs;
import io.jixiao.evaluation.domain.composite.CompositeCalculator.RatingInput;

class CompositePropertiesTest {

    static Arbitrary<BigDecimal> score() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(100)).ofScale(2);
    }

    static Arbitrary<List<RatingInput>> ratings(String prefix) {
        return score().list().ofMaxSize(12).map(l -> {
            List<RatingInput> out = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                out.add(new RatingInput(prefix + i, prefix + i, l.get(i)));
            }
            return out;
        });
    }

    @Provide
    Arbitrary<Inputs> inputs() {
        return Combinators.combine(score().injectNull(0.3), score().injectNull(0.3),
                Arbitraries.integers().between(0, 200), ratings("s"), ratings("t"), ratings("p"),
                score().injectNull(0.5))
                .as((sc, sat, n, sup, third, peer, self) -> new Inputs("X", sc, null, false, sat, n, false, sup, third,
                        peer, self == null ? null : new RatingInput("self", "X", self)));
    }

    @Provide
    Arbitrary<Policy> policies() {
        return Arbitraries.integers().between(0, 100).list().ofSize(3).map(cuts -> {
            List<Integer> c = new ArrayList<>(cuts);
            c.sort(null);
            Map<Party, BigDecimal> w = new EnumMap<>(Party.class);
            w.put(Party.SUPERIOR, BigDecimal.valueOf(c.get(0)));
            w.put(Party.PUBLIC, BigDecimal.valueOf(c.get(1) - c.get(0)));
            w.put(Party.THIRD_PARTY, BigDecimal.valueOf(c.get(2) - c.get(1)));
            w.put(Party.PEER, BigDecimal.valueOf(100 - c.get(2)));
            return new Policy(w, new BigDecimal("0.5"), new BigDecimal("0.2"), Policy.MissingPolicy.RENORMALIZE, 30, 5,
                    BigDecimal.valueOf(20), BigDecimal.valueOf(30));
        });
    }

    @Property
    boolean theCompositeIsAlwaysBetween0And100(@ForAll("inputs") Inputs in, @ForAll("policies") Policy p) {
        BigDecimal c = CompositeCalculator.compute(in, p).composite();
        return c == null || c.signum() >= 0 && c.compareTo(BigDecimal.valueOf(100)) <= 0;
    }

    @Property
    boolean coverageIsTheSumOfThePresentWeights(@ForAll("inputs") Inputs in, @ForAll("policies") Policy p) {
        var r = CompositeCalculator.compute(in, p);
        BigDecimal present = r.parties().values().stream().filter(CompositeCalculator.PartyScore::present)
                .map(CompositeCalculator.PartyScore::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
        return present.compareTo(r.coverage()) == 0
                && r.flags()
                        .contains(CompositeCalculator.INCOMPLETE) == (present.compareTo(BigDecimal.valueOf(100)) < 0);
    }

    /** A missing party that arrives scoring exactly the composite leaves the composite unchanged. */
    @Property
    boolean addingAPartyAtTheCompositesOwnValueLeavesItUnchanged(@ForAll("inputs") Inputs in,
            @ForAll("policies") Policy p) {
        var before = CompositeCalculator.compute(in, p);
        if (before.composite() == null || before.partyScore(Party.THIRD_PARTY) != null) {
            return true;
        }
        Inputs more = new Inputs(in.subject(), in.scorecardTotal(), in.financialScore(), in.gateFailed(),
                in.satisfactionIndex(), in.satisfactionN(), in.satisfactionHeld(), in.superior(),
                List.of(new RatingInput("t", "t", before.composite())), in.peer(), in.self());
        BigDecimal after = CompositeCalculator.compute(more, p).composite();
        return after.subtract(before.composite()).abs().compareTo(new BigDecimal("1e-25")) < 0;
    }

    @Property
    boolean renormalizedWeightsSumToOne(@ForAll("inputs") Inputs in, @ForAll("policies") Policy p) {
        var r = CompositeCalculator.compute(in, p);
        if (r.coverage().signum() == 0) {
            return true;
        }
        BigDecimal sum = r.parties().values().stream().filter(CompositeCalculator.PartyScore::present)
                .map(s -> s.weight().divide(r.coverage(), MathContext.DECIMAL128))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.subtract(BigDecimal.ONE).abs().compareTo(new BigDecimal("1e-25")) < 0;
    }
}
