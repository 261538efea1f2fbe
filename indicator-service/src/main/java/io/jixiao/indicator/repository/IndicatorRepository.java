package io.jixiao.indicator.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.indicator.domain.Indicator;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class IndicatorRepository implements PanacheRepositoryBase<Indicator, String> {
}
