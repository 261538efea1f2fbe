package io.jixiao.budget.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jixiao.budget.domain.exante.ExAnteAssessment;
import io.jixiao.budget.domain.exante.ExAnteAssessment.Input;
import io.jixiao.budget.domain.exante.ExAnteAssessment.Recommendation;
import io.jixiao.budget.domain.exante.ExAnteAssessment.Year;

class ExAnteAssessmentTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static ExAnteAssessment.Result assess(String initial, String rate, String requested, String... costBenefit) {
        List<Year> years = new java.util.ArrayList<>();
        for (int i = 0; i < costBenefit.length; i += 2) {
            years.add(new Year(i / 2 + 1, d(costBenefit[i]), d(costBenefit[i + 1])));
        }
        return ExAnteAssessment.assess(new Input(d(initial), d(rate), years, requested == null ? null : d(requested)),
                ExAnteAssessment.Policy.standard());
    }

    @Test
    void aProjectWhoseBenefitsClearlyExceedItsCostsIsApproved() {
        // PV benefits at 10%: 660/1.1 + 726/1.21 = 600 + 600 = 1200; costs 1000 → NPV 200, BCR 1.2
        var r = assess("1000", "0.10", "1000", "0", "660", "0", "726");
        assertEquals(0, d("1200").compareTo(r.presentBenefits().setScale(10, RoundingMode.HALF_UP)));
        assertEquals(0, d("200").compareTo(r.npv().setScale(10, RoundingMode.HALF_UP)));
        assertEquals(Recommendation.APPROVE, r.recommendation());
    }

    @Test
    void aMarginalProjectIsReducedToTheApprovalRatio() {
        // benefits 1100 (undiscounted, rate 0) against 1000: BCR 1.1 → keep 1100 / 1200 = 91.67%, cut 8.34% (rounded up)
        var r = assess("1000", "0", "1000000", "0", "1100");
        assertEquals(Recommendation.REDUCE, r.recommendation());
        assertEquals(d("8.34"), r.reducePercent());
        assertEquals(d("916600.00"), r.recommendedAmount());
    }

    @Test
    void aRatioJustShortOfTheApprovalRatioIsNotShownAsReachingIt() {
        // benefits 1199.99 against 1000: BCR 1.19999, reduced, and its reason must not say 1.200
        var r = assess("1000", "0", "1000000", "0", "1199.99");
        assertEquals(Recommendation.REDUCE, r.recommendation());
        assertEquals("NPV 199.99, benefit-cost ratio 1.199", r.reasons().get(1));
        assertEquals("between 1 and 1.2: reduce the request by 0.01% to reach the approval ratio", r.reasons().get(2));
    }

    @Test
    void aProjectThatDoesNotPayForItselfIsRejected() {
        var r = assess("1000", "0.05", "500", "100", "500", "100", "500");
        assertEquals(Recommendation.REJECT, r.recommendation());
        assertEquals(d("0.00"), r.recommendedAmount());
    }
}
