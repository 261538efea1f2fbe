package io.jixiao.survey.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.survey.domain.Satisfaction;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SatisfactionRepository implements PanacheRepositoryBase<Satisfaction, Satisfaction.Key> {
}
