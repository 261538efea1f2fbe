package io.jixiao.survey.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.survey.domain.KnownSubject;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SubjectCopyRepository implements PanacheRepositoryBase<KnownSubject, String> {
}
