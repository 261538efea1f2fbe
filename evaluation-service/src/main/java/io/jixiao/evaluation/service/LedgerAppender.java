package io.jixiao.evaluation.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.jixiao.evaluation.config.EvaluationConfig;
import io.jixiao.evaluation.domain.LedgerEntry;
import io.jixiao.evaluation.domain.Rating;
import io.jixiao.evaluation.domain.ledger.Canonical;
import io.jixiao.evaluation.messaging.EvaluationEvents;
import io.jixiao.evaluation.messaging.EvaluationEvents.RatingSubmitted;
import io.jixiao.evaluation.repository.LedgerRepository;
import io.jixiao.evaluation.repository.RatingRepository;
import io.jixiao.kit.outbox.Outbox;
import io.jixiao.kit.tx.BatchWorker;
import io.jixiao.kit.web.Decimals;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Links accepted ratings into their cycle's hash chain after they commit, in batches. A rating's transaction only
 * queues it ({@link #enqueue}); one appender at a time across replicas (a transaction-scoped advisory lock) takes the
 * queue in order, appends one ledger entry per rating, publishes {@code rating.submitted} with the link's hash through
 * the outbox and deletes the queued rows, all in one transaction. Requests therefore never wait for each other on the
 * chain, and a crash between a rating's commit and its link leaves it queued for the next round, never lost.
 * <p>
 * Readers of the chain and the finalization call {@link #drain()} first, so they always see every accepted rating
 * linked.
 */
@ApplicationScoped
public class LedgerAppender {

    private static final long LOCK_KEY = 0x6C65646765L; // "ledge"
    private static final int BATCH = 1000;

    private final EntityManager em;
    private final TransactionSynchronizationRegistry registry;
    private final RatingRepository ratings;
    private final LedgerRepository ledger;
    private final Outbox outbox;
    private final EvaluationConfig config;
    private final BatchWorker worker = new BatchWorker("ledger-appender", Duration.ofMillis(500),
            () -> QuarkusTransaction.requiringNew().call(() -> appendBatch(false)) == BATCH, e -> {
            });

    public LedgerAppender(EntityManager em, TransactionSynchronizationRegistry registry, RatingRepository ratings,
            LedgerRepository ledger, Outbox outbox, EvaluationConfig config) {
        this.em = em;
        this.registry = registry;
        this.ratings = ratings;
        this.ledger = ledger;
        this.outbox = outbox;
        this.config = config;
    }

    void onStart(@Observes StartupEvent ev) {
        worker.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        worker.stop();
    }

    /** Queues a rating for its ledger link, in the caller's transaction; the appender wakes when it commits. */
    public void enqueue(Rating r, boolean replaced) {
        em.createNativeQuery("insert into ledger_pending (cycle_id, rating_id, replaced) values (?1, ?2, ?3)")
                .setParameter(1, r.cycleId).setParameter(2, r.id).setParameter(3, replaced).executeUpdate();
        worker.wakeAfterCommit(registry);
    }

    /**
     * Links everything queued now, waiting for the lock if another appender holds it. Runs in its own transactions,
     * so a caller inside a transaction sees the links once this returns.
     */
    public void drain() {
        while (QuarkusTransaction.requiringNew().call(() -> appendBatch(true)) == BATCH) {
            // a full batch: more may be queued
        }
    }

    /** One batch in one transaction. Returns how many ratings were linked (0 when another appender holds the lock). */
    int appendBatch(boolean wait) {
        if (wait) {
            em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(" + LOCK_KEY + ")) l").getSingleResult();
        } else if (!Boolean.TRUE.equals(
                em.createNativeQuery("select pg_try_advisory_xact_lock(" + LOCK_KEY + ")").getSingleResult())) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> queued = em
                .createNativeQuery("select id, rating_id, replaced from ledger_pending order by id limit " + BATCH)
                .getResultList();
        if (queued.isEmpty()) {
            return 0;
        }
        List<UUID> ids = queued.stream().map(q -> (UUID) q[1]).toList();
        Map<UUID, Rating> byId = ratings.list("id in ?1", ids).stream()
                .collect(Collectors.toMap(r -> r.id, Function.identity()));
        Map<UUID, String> last = new HashMap<>();
        List<Long> done = new ArrayList<>(queued.size());
        for (Object[] q : queued) {
            Rating r = byId.get((UUID) q[1]);
            String previous = last.computeIfAbsent(r.cycleId, ledger::lastHash);
            LedgerEntry link = new LedgerEntry(r.cycleId, r.id, previous, Canonical.json(r.ledgerContent()));
            ledger.persist(link);
            last.put(r.cycleId, link.hash);
            outbox.publish(config.topic(), EvaluationEvents.RATING_SUBMITTED, r.subjectCode,
                    new RatingSubmitted(r.cycleId, r.subjectCode, r.party.name(), r.evaluator,
                            Decimals.stored(r.value), link.hash, (Boolean) q[2]));
            done.add(((Number) q[0]).longValue());
        }
        em.createNativeQuery("delete from ledger_pending where id in (:ids)").setParameter("ids", done)
                .executeUpdate();
        return queued.size();
    }
}
