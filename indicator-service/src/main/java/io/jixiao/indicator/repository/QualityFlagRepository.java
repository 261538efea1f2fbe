package io.jixiao.indicator.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.indicator.domain.QualityFlag;
import io.jixiao.indicator.domain.QualityFlag.Filter;
import io.jixiao.indicator.domain.QualityFlag.Status;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class QualityFlagRepository implements PanacheRepository<QualityFlag> {

    public PanacheQuery<QualityFlag> find(Filter f) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (f.status() != null) {
            where.add("status = :status");
            params.put("status", f.status());
        }
        if (f.kind() != null) {
            where.add("kind = :kind");
            params.put("kind", f.kind());
        }
        if (f.subject() != null) {
            where.add("subjectCode = :subject");
            params.put("subject", f.subject());
        }
        if (f.indicator() != null) {
            where.add("indicatorCode = :indicator");
            params.put("indicator", f.indicator());
        }
        if (f.period() != null) {
            where.add("period = :period");
            params.put("period", f.period());
        }
        return find(where.isEmpty() ? "" : String.join(" and ", where), Sort.by("id").descending(), params);
    }

    /** The open flags on a held value. */
    public List<QualityFlag> openOn(long valueId) {
        return list("valueId = ?1 and status = ?2", valueId, Status.OPEN);
    }

    public List<QualityFlag> on(long valueId) {
        return list("valueId = ?1 order by id", valueId);
    }
}
