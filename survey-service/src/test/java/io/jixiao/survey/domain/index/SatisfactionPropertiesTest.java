package io.jixiao.survey.domain.index;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SatisfactionPropertiesTest {

    @Provide
    Arbitrary<List<List<BigDecimal>>> groups() {
        Arbitrary<BigDecimal> score = Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(100))
                .ofScale(2);
        return score.list().ofMaxSize(40).list().ofSize(3);
    }

    @Property
    boolean theIndexAndItsIntervalStayIn0To100AndTheIntervalHoldsTheIndex(@ForAll("groups") List<List<BigDecimal>> g) {
        Map<RespondentGroup, GroupStats> stats = new EnumMap<>(RespondentGroup.class);
        Map<RespondentGroup, BigDecimal> w = new EnumMap<>(RespondentGroup.class);
        RespondentGroup[] all = RespondentGroup.values();
        for (int i = 0; i < 3; i++) {
            stats.put(all[i], GroupStats.of(g.get(i)));
            w.put(all[i], BigDecimal.valueOf(i + 1));
        }
        SatisfactionIndex.Result r = SatisfactionIndex.compute(stats, w);
        if (r.index() == null) {
            return g.stream().allMatch(List::isEmpty);
        }
        BigDecimal hundred = BigDecimal.valueOf(100);
        return r.index().signum() >= 0 && r.index().compareTo(hundred) <= 0 && r.lower95().compareTo(r.index()) <= 0
                && r.upper95().compareTo(r.index()) >= 0 && r.lower95().signum() >= 0
                && r.upper95().compareTo(hundred) <= 0;
    }
}
