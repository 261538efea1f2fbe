package io.jixiao.evaluation.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.evaluation.domain.Cycle;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class CycleRepository implements PanacheRepositoryBase<Cycle, UUID> {
}
