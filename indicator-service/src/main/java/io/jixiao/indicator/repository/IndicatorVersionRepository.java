package io.jixiao.indicator.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.domain.IndicatorVersion;
import io.jixiao.indicator.domain.Period;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** Indicator versions, and the definitions in force in a period (what scores it). */
@ApplicationScoped
public class IndicatorVersionRepository implements PanacheRepository<IndicatorVersion> {

    public List<IndicatorVersion> of(String code) {
        return list("indicatorCode = ?1 order by versionNo", code);
    }

    /** The definition of {@code code} in force in {@code period}, if any. */
    public Optional<Indicator> inForce(String code, String period) {
        int m = Period.startMonth(period);
        return find("indicatorCode = ?1 and fromMonth <= ?2 and (toMonth is null or toMonth >= ?2)", code, m)
                .firstResultOptional().map(IndicatorVersion::asIndicator);
    }

    /** Every definition in force in {@code period}, in code order. */
    public List<Indicator> inForce(String period) {
        int m = Period.startMonth(period);
        return list("fromMonth <= ?1 and (toMonth is null or toMonth >= ?1) order by indicatorCode", m).stream()
                .map(IndicatorVersion::asIndicator).toList();
    }

    /** The indicators on a subject's scorecard for a period, as in force then, in code order. */
    public List<Indicator> applicableTo(String subject, String period) {
        return inForce(period).stream().filter(i -> i.appliesTo(subject)).toList();
    }

    /**
     * For each period, every definition in force in it, in code order (one query for all of them). Periods with the
     * same versions in force share one list.
     */
    public Map<String, List<Indicator>> inForce(List<String> periods) {
        int lo = periods.stream().mapToInt(Period::startMonth).min().orElse(0);
        int hi = periods.stream().mapToInt(Period::startMonth).max().orElse(0);
        List<IndicatorVersion> versions = list("fromMonth <= ?1 and (toMonth is null or toMonth >= ?2) "
                + "order by indicatorCode", hi, lo);
        Map<String, List<Indicator>> byPeriod = new HashMap<>();
        Map<List<Long>, List<Indicator>> shared = new HashMap<>();
        for (String p : periods) {
            int m = Period.startMonth(p);
            List<IndicatorVersion> mine = versions.stream().filter(v -> v.inForce(m)).toList();
            byPeriod.put(p, shared.computeIfAbsent(mine.stream().map(v -> v.id).toList(), k -> {
                List<Indicator> list = new ArrayList<>(mine.size());
                mine.forEach(v -> list.add(v.asIndicator()));
                return list;
            }));
        }
        return byPeriod;
    }
}
