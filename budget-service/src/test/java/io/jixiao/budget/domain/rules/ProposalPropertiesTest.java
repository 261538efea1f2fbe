package io.jixiao.budget.domain.rules;

import java.math.BigDecimal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;

class ProposalPropertiesTest {

    static final RuleTable RULES = RuleTable.standard(2026);

    static BigDecimal propose(Category c, BigDecimal amount, Grade g, BigDecimal political, Grade previous) {
        return ProposalCalculator.propose(new ProposalCalculator.Input(c, amount, g, null, political, previous, 2026),
                RULES).proposed();
    }

    @Property
    boolean aBetterGradeNeverYieldsASmallerProposal(@ForAll Category c,
            @ForAll @BigRange(min = "0", max = "1000000000") @Scale(2) BigDecimal amount, @ForAll Grade better,
            @ForAll Grade worse, @ForAll @BigRange(min = "0", max = "100") BigDecimal political,
            @ForAll Grade previous) {
        if (better.ordinal() > worse.ordinal()) {
            return true;
        }
        return propose(c, amount, better, political, previous)
                .compareTo(propose(c, amount, worse, political, previous)) >= 0;
    }

    @Property
    boolean aLivelihoodCutNeverExceedsItsCap(
            @ForAll @BigRange(min = "0", max = "1000000000") @Scale(2) BigDecimal amount,
            @ForAll Grade g, @ForAll @BigRange(min = "0", max = "100") BigDecimal political, @ForAll Grade previous) {
        BigDecimal floor = amount.multiply(new BigDecimal("0.9")).setScale(2, java.math.RoundingMode.HALF_UP);
        return propose(Category.LIVELIHOOD, amount, g, political, previous).compareTo(floor) >= 0;
    }
}
