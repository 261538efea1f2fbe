package io.jixiao.evaluation.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.evaluation.domain.LedgerEntry;
import io.jixiao.evaluation.domain.Rating;
import io.jixiao.evaluation.domain.ledger.Canonical;
import io.jixiao.evaluation.domain.ledger.HashChain;
import io.jixiao.evaluation.repository.LedgerRepository;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.evaluation.repository.RatingRepository;

/** Reads and verifies a cycle's rating ledger. */
@ApplicationScoped
public class LedgerService {

    private final CycleService cycles;
    private final LedgerRepository ledger;
    private final RatingRepository ratings;
    private final LedgerAppender appender;

    public LedgerService(CycleService cycles, LedgerRepository ledger, RatingRepository ratings,
            LedgerAppender appender) {
        this.cycles = cycles;
        this.ledger = ledger;
        this.ratings = ratings;
        this.appender = appender;
    }

    /** A page of the chain, with every rating accepted so far linked (the queue is drained first). */
    public Paged<LedgerEntry> entries(UUID cycleId, PageRequest page) {
        UUID id = cycles.get(cycleId).id;
        appender.drain();
        return ledger.page(id, page);
    }

    /**
     * Verifies the chain link by link, and that every rating row still says what its link recorded: a change to a
     * link or to a rating is reported at the first link that no longer holds.
     */
    @Transactional
    public HashChain.Verdict verify(UUID cycleId) {
        UUID id = cycles.get(cycleId).id;
        appender.drain();
        List<LedgerEntry> chain = ledger.chain(id);
        HashChain.Verdict links = HashChain.verify(chain.stream().map(LedgerEntry::link).toList());
        List<LedgerEntry> checked = new ArrayList<>(chain);
        for (int i = 0; i < checked.size(); i++) {
            LedgerEntry e = checked.get(i);
            if (links.firstBrokenSeq() != null && e.seq >= links.firstBrokenSeq()) {
                break;
            }
            Rating r = ratings.findById(e.ratingId);
            if (r == null || !Canonical.json(r.ledgerContent()).equals(e.content)) {
                return new HashChain.Verdict(false, i, e.seq, "rating " + e.ratingId
                        + " no longer matches what its ledger entry recorded");
            }
        }
        return links;
    }
}
