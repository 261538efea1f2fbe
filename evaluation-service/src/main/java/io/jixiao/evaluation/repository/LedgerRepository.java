package io.jixiao.evaluation.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.jixiao.evaluation.domain.LedgerEntry;
import io.jixiao.evaluation.domain.ledger.HashChain;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class LedgerRepository implements PanacheRepositoryBase<LedgerEntry, Long> {

    /** Serializes appends to one cycle's chain until the transaction ends. */
    public void lock(UUID cycle) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext(:k))")
                .setParameter("k", "ledger/" + cycle).getSingleResult();
    }

    public String lastHash(UUID cycle) {
        return find("cycleId = ?1 order by seq desc", cycle).firstResultOptional().map(e -> e.hash)
                .orElse(HashChain.GENESIS);
    }

    /** One page of a cycle's chain, in link order. */
    public Paged<LedgerEntry> page(UUID cycle, PageRequest page) {
        return Where.all().eq("cycleId", cycle).page(this, Sort.by("seq"), page);
    }

    public List<LedgerEntry> chain(UUID cycle) {
        return list("cycleId = ?1 order by seq", cycle);
    }
}
