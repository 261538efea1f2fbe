package io.jixiao.testsupport;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A write held inside its transaction: the work runs in a new transaction on a thread of its own and has written when
 * {@link #of} returns (flush inside the work what must reach the database), and it commits only at {@link #commit}.
 * Tests use it for the other side of a race, to send a request while it is in flight. Closing without commit rolls it
 * back.
 */
public final class HeldTransaction implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final CountDownLatch commit = new CountDownLatch(1);
    private final Future<?> transaction;
    private volatile boolean rollback;

    private HeldTransaction(Runnable work) throws InterruptedException {
        CountDownLatch written = new CountDownLatch(1);
        transaction = thread.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
            work.run();
            written.countDown();
            try {
                commit.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (rollback) {
                QuarkusTransaction.setRollbackOnly();
            }
        }));
        if (!written.await(30, TimeUnit.SECONDS)) {
            close();
            throw new IllegalStateException("the held transaction did not write within 30 s");
        }
    }

    /** Runs {@code work} in a transaction that stays open until {@link #commit}. */
    public static HeldTransaction of(Runnable work) throws InterruptedException {
        return new HeldTransaction(work);
    }

    /** Commits the held work and waits for the commit. */
    public void commit() throws Exception {
        commit.countDown();
        transaction.get(30, TimeUnit.SECONDS);
    }

    /**
     * The race itself: sends {@code contender} from another thread, waits until PostgreSQL shows it waiting for a lock
     * (so it is in flight behind this transaction and has not finished), commits this transaction, and answers what
     * the contender answered.
     */
    public <T> T commitWhileWaitedOn(EntityManager em, String what, Callable<T> contender) throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<T> answer = other.submit(contender);
            TestDb.awaitSessionsWaitingForLocks(em, 1, what);
            if (answer.isDone()) {
                throw new IllegalStateException(what + ": the contender finished without waiting: " + answer.get());
            }
            commit();
            return answer.get(30, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
    }

    @Override
    public void close() {
        if (!transaction.isDone()) {
            rollback = true;
            commit.countDown();
        }
        thread.shutdown();
    }
}
