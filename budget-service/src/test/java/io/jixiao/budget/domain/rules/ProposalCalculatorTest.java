package io.jixiao.budget.domain.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jixiao.budget.domain.rules.ProposalCalculator.Action;
import io.jixiao.budget.domain.rules.ProposalCalculator.Input;
import io.jixiao.budget.domain.rules.ProposalCalculator.Proposal;

class ProposalCalculatorTest {

    static final RuleTable RULES = RuleTable.standard(2026);

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static Proposal propose(Category c, String amount, Grade g, String political, Grade previous) {
        return ProposalCalculator.propose(new Input(c, d(amount), g, d("70"), political == null ? null : d(political),
                previous, 2026), RULES);
    }

    @Test
    void eachGradeTakesItsAdjustment() {
        assertEquals(d("1000000.00"), propose(Category.GENERAL, "1000000", Grade.GOOD, "90", null).proposed());
        assertEquals(d("900000.00"), propose(Category.GENERAL, "1000000", Grade.PASS, "90", null).proposed());
        assertEquals(d("700000.00"), propose(Category.GENERAL, "1000000", Grade.FAIL, "90", null).proposed());
        Proposal excellent = propose(Category.STRATEGIC, "1000000", Grade.EXCELLENT, "90", null);
        assertEquals(d("1000000.00"), excellent.proposed());
        assertEquals(d("1100000.00"), excellent.ceiling());
        assertEquals(Action.PRIORITY, excellent.action());
    }

    @Test
    void thePoliticalPenaltyAddsUp() {
        Proposal p = propose(Category.GENERAL, "1000000", Grade.FAIL, "59.99", null);
        assertEquals(d("600000.00"), p.proposed());
        assertEquals("GRADE_FAIL+POLITICAL_PENALTY", p.rule());
        assertEquals(d("1000000.00"), propose(Category.GENERAL, "1000000", Grade.GOOD, "59.995", null).proposed());
    }

    @Test
    void livelihoodProjectsAreNeverCutMoreThanTenPercentNorCancelled() {
        Proposal p = propose(Category.LIVELIHOOD, "2500000.50", Grade.FAIL, "10", Grade.FAIL);
        assertEquals(d("2250000.45"), p.proposed());
        assertEquals(Action.REDUCE, p.action());
        assertEquals("GRADE_FAIL+POLITICAL_PENALTY+LIVELIHOOD_CAP", p.rule());
    }

    @Test
    void twoFailingYearsCancel() {
        Proposal p = propose(Category.GENERAL, "800000", Grade.FAIL, null, Grade.FAIL);
        assertEquals(Action.CANCEL, p.action());
        assertEquals(d("0.00"), p.proposed());
        assertEquals(Action.REDUCE, propose(Category.GENERAL, "800000", Grade.FAIL, null, Grade.PASS).action());
    }

    @Test
    void amountsAreRoundedHalfUpToTheFenAndExplained() {
        Proposal p = propose(Category.GENERAL, "0.05", Grade.PASS, null, null);
        assertEquals(d("0.05"), p.proposed()); // 0.045 → 0.05
        Proposal q = propose(Category.GENERAL, "1234567.89", Grade.PASS, null, null);
        assertEquals(d("1111111.10"), q.proposed()); // 1,111,111.101
        assertEquals(List.of("grade PASS in 2026 (composite 70.00): −10%", "1,234,567.89 × (1 − 0.1) = 1,111,111.10"),
                q.explanation());
    }

    /** Source paper 000 §5: a review cut a 3.17亿 settlement and the project budget with it to 3亿 (−5.36%). */
    @Test
    void theRuleTableCanExpressTheSourcePapersCases() {
        Map<Grade, BigDecimal> g = new EnumMap<>(Grade.class);
        g.put(Grade.EXCELLENT, d("0"));
        g.put(Grade.GOOD, d("0"));
        g.put(Grade.PASS, d("-5.3627760252"));
        g.put(Grade.FAIL, d("-89.16"));
        RuleTable custom = new RuleTable(2026, 2, g, d("10"), 0, d("60"), d("-10"), d("10"));
        Proposal settlement = ProposalCalculator.propose(new Input(Category.STRATEGIC, d("317000000"), Grade.PASS,
                null, null, null, 2026), custom);
        assertEquals(d("300000000.00"), settlement.proposed());
        Proposal street = ProposalCalculator.propose(new Input(Category.GENERAL, d("1000000"), Grade.FAIL, null, null,
                Grade.FAIL, 2026), custom);
        assertEquals(d("108400.00"), street.proposed()); // −89.16%, no cancel rule in this table
    }

    @Test
    void aTableWhereABetterGradeCutsMoreIsRefused() {
        Map<Grade, BigDecimal> g = new EnumMap<>(Grade.class);
        g.put(Grade.EXCELLENT, d("0"));
        g.put(Grade.GOOD, d("-20"));
        g.put(Grade.PASS, d("-10"));
        g.put(Grade.FAIL, d("-30"));
        assertThrows(IllegalArgumentException.class,
                () -> new RuleTable(2026, 1, g, d("10"), 2, d("60"), d("-10"), d("10")));
    }
}
