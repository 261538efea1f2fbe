package io.jixiao.evaluation.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.jixiao.evaluation.domain.ledger.HashChain;

/** One link of a cycle's hash-chained rating ledger. Append-only. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "cycle_id", nullable = false)
    public UUID cycleId;

    @Column(name = "rating_id", nullable = false)
    public UUID ratingId;

    @Column(name = "previous_hash", nullable = false, columnDefinition = "bpchar(64)")
    public String previousHash;

    @Column(nullable = false, columnDefinition = "bpchar(64)")
    public String hash;

    @Column(nullable = false, columnDefinition = "text")
    public String content;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    protected LedgerEntry() {
    }

    public LedgerEntry(UUID cycleId, UUID ratingId, String previousHash, String content) {
        this.cycleId = cycleId;
        this.ratingId = ratingId;
        this.previousHash = previousHash;
        this.content = content;
        this.hash = HashChain.hash(previousHash, content);
        this.createdAt = OffsetDateTime.now();
    }

    public HashChain.Link link() {
        return new HashChain.Link(seq, previousHash, content, hash);
    }
}
