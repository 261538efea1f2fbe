package io.jixiao.kit.tx;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

/**
 * A background thread that works through a queue in rounds: woken after a commit that queued work, or every poll
 * interval; a round repeats at once while it reports more waiting; a failed round backs off (250 ms doubling to
 * 10 s) and is tried again. The outbox relay and the ledger appender are both this loop around their own batch.
 */
public final class BatchWorker {

    private static final Logger LOG = Logger.getLogger(BatchWorker.class);

    private final String name;
    private final Duration poll;
    private final BooleanSupplier round;
    private final Consumer<RuntimeException> onFailure;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    /**
     * @param round one batch; true when more may be waiting (run again at once)
     * @param onFailure what the owner does after a failed round (count it, reset a producer), besides the backoff
     */
    public BatchWorker(String name, Duration poll, BooleanSupplier round, Consumer<RuntimeException> onFailure) {
        this.name = name;
        this.poll = poll;
        this.round = round;
        this.onFailure = onFailure;
    }

    public synchronized void start() {
        running.set(true);
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the current round (waiting at most 5 s for it). */
    public synchronized void stop() {
        running.set(false);
        wake.release();
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean running() {
        return running.get();
    }

    /** Wakes the worker once the current transaction commits (never on rollback). */
    public void wakeAfterCommit(TransactionSynchronizationRegistry registry) {
        AfterCommit.run(registry, wake::release);
    }

    private void loop() {
        long backoff = 0;
        while (running.get()) {
            try {
                wake.tryAcquire(backoff > 0 ? backoff : poll.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                while (running.get() && round.getAsBoolean()) {
                    // more may be waiting
                }
                backoff = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                backoff = Math.min(Math.max(backoff * 2, 250), 10_000);
                LOG.warnf("%s round failed, retrying in %d ms: %s", name, backoff, e.getMessage());
                onFailure.accept(e);
            }
        }
    }
}
