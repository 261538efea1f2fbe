package io.jixiao.indicator.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.domain.Mission;
import io.jixiao.indicator.domain.StrategicObjective;

/** Missions, their objectives and the indicators that measure them. */
@ApplicationScoped
public class StrategyRepository {

    private final EntityManager em;

    public StrategyRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Mission> mission(String code) {
        return Optional.ofNullable(em.find(Mission.class, code));
    }

    public List<Mission> missions() {
        return em.createQuery("from Mission order by code", Mission.class).getResultList();
    }

    public Optional<StrategicObjective> objective(String code) {
        return Optional.ofNullable(em.find(StrategicObjective.class, code));
    }

    public List<StrategicObjective> objectives(String mission) {
        return em.createQuery("from StrategicObjective where missionCode = :m order by code", StrategicObjective.class)
                .setParameter("m", mission).getResultList();
    }

    public List<Indicator> measuring(List<String> objectives) {
        return objectives.isEmpty()
                ? List.of()
                : em.createQuery("from Indicator where objective in :o order by code", Indicator.class)
                        .setParameter("o", objectives).getResultList();
    }

    public void persist(Object entity) {
        em.persist(entity);
    }
}
