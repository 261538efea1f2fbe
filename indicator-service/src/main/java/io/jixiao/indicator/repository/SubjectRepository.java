package io.jixiao.indicator.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.indicator.domain.Subject;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SubjectRepository implements PanacheRepositoryBase<Subject, String> {

    /**
     * Takes the transaction's lock on the subject hierarchy, so that revisions that move subjects are checked for cycles
     * one after the other: two moves that are each fine alone (A under B, B under A) cannot both commit.
     */
    public void lockHierarchy() {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtextextended('subject-hierarchy', 0))")
                .getSingleResult();
    }
}
