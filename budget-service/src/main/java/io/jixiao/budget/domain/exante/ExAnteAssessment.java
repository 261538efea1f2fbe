package io.jixiao.budget.domain.exante;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * 事前绩效评估 (DESIGN section 6): the cost-benefit of a proposal. PV(x) = Σ_t x_t / (1 + r)^t over years t = 1..n;
 * NPV = PV(benefits) − PV(costs) − initial cost; BCR = PV(benefits) / (initial cost + PV(costs)).
 * APPROVE when BCR reaches {@code approveAt} and NPV &gt; 0; REJECT below {@code rejectBelow} or with NPV ≤ 0;
 * otherwise REDUCE the request by the share that brings the BCR up to {@code approveAt}.
 */
public final class ExAnteAssessment {

    private static final MathContext MC = MathContext.DECIMAL128;

    public enum Recommendation {
        APPROVE, REDUCE, REJECT
    }

    public record Year(int year, BigDecimal cost, BigDecimal benefit) {
    }

    public record Input(BigDecimal initialCost, BigDecimal discountRate, List<Year> years, BigDecimal requested) {
    }

    public record Policy(BigDecimal approveAt, BigDecimal rejectBelow) {
        public static Policy standard() {
            return new Policy(new BigDecimal("1.2"), BigDecimal.ONE);
        }
    }

    public record Result(BigDecimal presentBenefits, BigDecimal presentCosts, BigDecimal npv, BigDecimal bcr,
            Recommendation recommendation, BigDecimal reducePercent, BigDecimal recommendedAmount,
            List<String> reasons) {
    }

    private ExAnteAssessment() {
    }

    public static Result assess(Input in, Policy p) {
        if (in.discountRate().compareTo(BigDecimal.valueOf(-1)) <= 0) {
            throw new IllegalArgumentException("the discount rate must be above −100%");
        }
        BigDecimal base = BigDecimal.ONE.add(in.discountRate());
        BigDecimal pvBenefit = BigDecimal.ZERO;
        BigDecimal pvCost = BigDecimal.ZERO;
        for (Year y : in.years()) {
            BigDecimal factor = base.pow(y.year(), MC);
            pvBenefit = pvBenefit.add(y.benefit().divide(factor, MC));
            pvCost = pvCost.add(y.cost().divide(factor, MC));
        }
        BigDecimal totalCost = pvCost.add(in.initialCost());
        BigDecimal npv = pvBenefit.subtract(totalCost);
        BigDecimal bcr = totalCost.signum() == 0 ? null : pvBenefit.divide(totalCost, MC);
        List<String> reasons = new ArrayList<>();
        reasons.add("present value of benefits " + money(pvBenefit) + ", of costs " + money(totalCost)
                + " at a discount rate of " + pct(in.discountRate()));
        reasons.add("NPV " + money(npv) + (bcr == null
                ? ""
                : ", benefit-cost ratio " + bcr.setScale(3, RoundingMode.DOWN))); // cut: 1.1999 never reads as 1.200
        if (bcr == null || bcr.compareTo(p.approveAt()) >= 0 && npv.signum() > 0) {
            reasons.add("the ratio reaches " + p.approveAt().toPlainString() + ": approve");
            return new Result(pvBenefit, totalCost, npv, bcr, Recommendation.APPROVE, BigDecimal.ZERO,
                    in.requested(), reasons);
        }
        if (bcr.compareTo(p.rejectBelow()) < 0 || npv.signum() <= 0) {
            reasons.add("benefits do not cover costs (ratio below " + p.rejectBelow().toPlainString() + "): reject");
            return new Result(pvBenefit, totalCost, npv, bcr, Recommendation.REJECT, BigDecimal.valueOf(100),
                    BigDecimal.ZERO.setScale(2), reasons);
        }
        // cost scaled by (1 − x) reaches the approval ratio: x = 1 − PVB / (approveAt · PVC)
        BigDecimal keep = pvBenefit.divide(p.approveAt().multiply(totalCost), MC);
        BigDecimal reduce = BigDecimal.ONE.subtract(keep).multiply(BigDecimal.valueOf(100)).setScale(2,
                RoundingMode.UP);
        BigDecimal amount = in.requested() == null
                ? null
                : in.requested().multiply(BigDecimal.ONE.subtract(reduce.movePointLeft(2))).setScale(2,
                        RoundingMode.HALF_UP);
        reasons.add("between " + p.rejectBelow().toPlainString() + " and " + p.approveAt().toPlainString()
                + ": reduce the request by " + reduce.toPlainString() + "% to reach the approval ratio");
        return new Result(pvBenefit, totalCost, npv, bcr, Recommendation.REDUCE, reduce, amount, reasons);
    }

    private static String money(BigDecimal x) {
        return x.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String pct(BigDecimal x) {
        return x.multiply(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString() + "%";
    }
}
