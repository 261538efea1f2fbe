package io.jixiao.indicator.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.indicator.domain.QualityFlag;
import io.jixiao.indicator.domain.QualityFlag.Filter;
import io.jixiao.indicator.domain.QualityFlag.Status;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class QualityFlagRepository implements PanacheRepository<QualityFlag> {

    /** One page of the flags that match, newest first. */
    public Paged<QualityFlag> page(Filter f, PageRequest page) {
        return Where.all().eq("status", f.status()).eq("kind", f.kind()).eq("subjectCode", f.subject())
                .eq("indicatorCode", f.indicator()).eq("period", f.period())
                .page(this, Sort.by("id").descending(), page);
    }

    /** The open flags on a held value. */
    public List<QualityFlag> openOn(long valueId) {
        return list("valueId = ?1 and status = ?2", valueId, Status.OPEN);
    }

    public List<QualityFlag> on(long valueId) {
        return list("valueId = ?1 order by id", valueId);
    }
}
