package io.jixiao.indicator.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.indicator.domain.Indicator;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class IndicatorRepository implements PanacheRepositoryBase<Indicator, String> {

    /** The indicators on a subject's scorecard: the common ones and those specific to it, in code order. */
    public List<Indicator> applicableTo(String subjectCode) {
        return list("order by code").stream().filter(i -> i.appliesTo(subjectCode)).toList();
    }
}
