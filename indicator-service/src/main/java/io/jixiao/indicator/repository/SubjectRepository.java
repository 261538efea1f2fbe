package io.jixiao.indicator.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.indicator.domain.Subject;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SubjectRepository implements PanacheRepositoryBase<Subject, String> {
}
