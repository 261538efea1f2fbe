package io.jixiao.indicator.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.indicator.config.IndicatorConfig;
import io.jixiao.kit.problem.ProblemException;
import io.jixiao.kit.sql.Rows;
import io.jixiao.kit.tx.AfterCommit;
import io.jixiao.kit.tx.BatchWorker;
import io.jixiao.kit.web.Correlation;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * File imports of values, answered 202 and run in the background. An accepted file is stored as a job, in the
 * request's transaction (and with its Idempotency-Key, if one was sent), before the answer. One worker per replica
 * takes the oldest unfinished job nobody is running, woken by each commit of a new one and every poll interval.
 *
 * <p>
 * A job runs in one transaction that holds its row from the claim to the end: the import's values, their events and
 * the job's outcome commit together or not at all. A worker that dies (a crash, a restart, a lost connection) takes
 * its transaction with it; the job is unfinished and nobody holds it, and the next worker to look runs it again from
 * the start. Its progress (rows checked, rows written) is written in short transactions of its own, so the submitter
 * can follow it from any replica. A job whose runs stop three times is failed rather than tried for ever.
 *
 * <p>
 * Metrics: {@code jixiao.imports.finished} by status (DONE, REJECTED, FAILED), {@code jixiao.imports.restarted} (runs
 * that stopped and are run again) and {@code jixiao.imports.unfinished} (jobs waiting or running, at the last look).
 */
@ApplicationScoped
public class ValueImports {

    @Schema(name = "ImportStatus")
    public enum Status {
        QUEUED, CHECKING, WRITING, DONE, REJECTED, FAILED
    }

    /** {@code attempts}: runs started (more than one when a worker stopped during the job). */
    public record JobView(UUID id, Status status, boolean partial, int rows, int checked, int written,
            @Schema(nullable = true) Integer stored,
            @Schema(nullable = true) Integer corrected, @Schema(nullable = true) Integer held,
            @Schema(nullable = true) Integer rejected, @Schema(nullable = true) Integer scorecardsRecomputed,
            List<ValueImportService.RowError> errors, @Schema(nullable = true) String failure, int attempts,
            OffsetDateTime submittedAt,
            @Schema(nullable = true) OffsetDateTime finishedAt) {
    }

    static final int MAX_ATTEMPTS = 3;
    /** Refused rows kept with a job's outcome (the counts are complete). */
    static final int MAX_ERRORS = 1000;
    private static final Logger LOG = Logger.getLogger(ValueImports.class);
    /** Progress is written at most this often (and once at the end, with the outcome). */
    private static final long PROGRESS_EVERY_MS = 250;

    private final ValueImportService imports;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final TransactionSynchronizationRegistry registry;
    private final IndicatorConfig config;
    private final MeterRegistry meters;
    private final Counter restarted;
    /** Unfinished jobs (waiting or running anywhere), as counted at the worker's last look. */
    private final AtomicLong unfinished = new AtomicLong();
    private BatchWorker worker;

    public ValueImports(ValueImportService imports, EntityManager em, ObjectMapper mapper,
            TransactionSynchronizationRegistry registry, IndicatorConfig config, MeterRegistry meters) {
        this.imports = imports;
        this.em = em;
        this.mapper = mapper;
        this.registry = registry;
        this.config = config;
        this.meters = meters;
        this.restarted = meters.counter("jixiao.imports.restarted");
        meters.gauge("jixiao.imports.unfinished", unfinished);
    }

    void onStart(@Observes StartupEvent ev) {
        worker = new BatchWorker("value-imports", config.imports().poll(), this::runNext, e -> {
        });
        worker.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (worker != null) {
            worker.stop();
        }
    }

    /** Stores an accepted file as a job, in the caller's transaction; the worker is woken once it commits. */
    @Transactional
    public JobView submit(byte[] file, boolean xlsx, int rows, ValueImportService.Importer who, boolean partial) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Object cid = MDC.get(Correlation.MDC_KEY);
        em.createNativeQuery("insert into value_import_job (id, owner, is_admin, is_system, dept, partial, xlsx, file, "
                + "row_count, status, submitted_at, correlation_id) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                + "?11, ?12)")
                .setParameter(1, id).setParameter(2, who.subject()).setParameter(3, who.admin())
                .setParameter(4, who.system()).setParameter(5, who.dept().orElse(null)).setParameter(6, partial)
                .setParameter(7, xlsx).setParameter(8, file).setParameter(9, rows)
                .setParameter(10, Status.QUEUED.name()).setParameter(11, now)
                .setParameter(12, cid == null ? null : cid.toString()).executeUpdate();
        if (worker != null) {
            worker.wakeAfterCommit(registry);
        }
        return new JobView(id, Status.QUEUED, partial, rows, 0, 0, null, null, null, null, null, List.of(), null, 0,
                now, null);
    }

    /** A job as its submitter, or an admin, sees it; nobody else learns that it exists. */
    @Transactional
    public Optional<JobView> get(UUID id, ValueImportService.Importer who) {
        List<?> found = em.createNativeQuery("select j.owner, j.status, j.partial, j.row_count, p.status, "
                + "p.checked, p.written, p.attempts, cast(j.outcome as text), j.failure, j.submitted_at, "
                + "j.finished_at from value_import_job j left join value_import_progress p on p.job_id = j.id "
                + "where j.id = ?1").setParameter(1, id).getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) found.get(0);
        if (!who.admin() && !who.subject().equals(r[0])) {
            return Optional.empty();
        }
        boolean finished = r[11] != null;
        Status status = Status.valueOf(finished || r[4] == null ? (String) r[1] : (String) r[4]);
        ValueImportService.Outcome o = r[8] == null ? null : read((String) r[8]);
        return Optional.of(new JobView(id, status, (Boolean) r[2], (Integer) r[3], intOf(r[5]), intOf(r[6]),
                o == null ? null : o.stored(), o == null ? null : o.corrected(), o == null ? null : o.held(),
                o == null ? null : o.rejected(), o == null ? null : o.scorecardsRecomputed(),
                o == null ? List.of() : o.errors(), (String) r[9], intOf(r[7]), Rows.timestamp(r[10]),
                Rows.timestamp(r[11])));
    }

    /** A job in a list: its state and counts, without its refused rows (those are in the job's own view). */
    public record JobSummary(UUID id, Status status, String submittedBy, boolean partial, int rows, int checked,
            int written, @Schema(nullable = true) Integer stored, @Schema(nullable = true) Integer rejected,
            int attempts, @Schema(nullable = true) String failure,
            OffsetDateTime submittedAt,
            @Schema(nullable = true) OffsetDateTime finishedAt) {
    }

    /** The state a job shows: its end once finished, else its run's phase, else QUEUED. */
    private static final String STATUS = "case when j.finished_at is not null then j.status else coalesce(p.status, "
            + "'QUEUED') end";

    /**
     * Jobs newest first: a department or system client sees those it sent, an admin every one. The page and its total
     * are read by one statement ({@code count(*) over ()}), so they always agree.
     */
    @Transactional
    public Paged<JobSummary> list(Status statusOrNull, String submittedByOrNull, ValueImportService.Importer who,
            PageRequest page) {
        StringBuilder where = new StringBuilder(" from value_import_job j left join value_import_progress p on "
                + "p.job_id = j.id where true");
        List<Object> params = new ArrayList<>();
        if (!who.admin()) {
            where.append(" and j.owner = ?").append(params.size() + 1);
            params.add(who.subject());
        }
        if (submittedByOrNull != null) {
            where.append(" and j.owner = ?").append(params.size() + 1);
            params.add(submittedByOrNull);
        }
        if (statusOrNull != null) {
            where.append(" and ").append(STATUS).append(" = ?").append(params.size() + 1);
            params.add(statusOrNull.name());
        }
        var q = em.createNativeQuery("select j.id, " + STATUS + ", j.owner, j.partial, j.row_count, p.checked, "
                + "p.written, (j.outcome ->> 'stored')::int, (j.outcome ->> 'rejected')::int, p.attempts, j.failure, "
                + "j.submitted_at, j.finished_at, count(*) over ()" + where + " order by j.submitted_at desc, j.id "
                + "limit " + page.size() + " offset " + page.offset());
        List<JobSummary> items = new ArrayList<>();
        long total = 0;
        for (Object o : bound(q, params).getResultList()) {
            Object[] r = (Object[]) o;
            items.add(new JobSummary((UUID) r[0], Status.valueOf((String) r[1]), (String) r[2], (Boolean) r[3],
                    (Integer) r[4], intOf(r[5]), intOf(r[6]), (Integer) r[7], (Integer) r[8], intOf(r[9]),
                    (String) r[10], Rows.timestamp(r[11]), Rows.timestamp(r[12])));
            total = ((Number) r[13]).longValue();
        }
        if (items.isEmpty() && page.page() > 0) { // past the last page: the total needs a statement of its own
            total = ((Number) bound(em.createNativeQuery("select count(*)" + where), params).getSingleResult())
                    .longValue();
        }
        return Paged.of(items, page, total);
    }

    private static jakarta.persistence.Query bound(jakarta.persistence.Query q, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        return q;
    }

    /** A job that is claimed: what its run needs. */
    private record Claimed(UUID id, ValueImportService.Importer who, boolean partial, boolean xlsx, byte[] file,
            String correlationId) {
    }

    /** Runs the oldest unfinished job nobody holds, in the calling thread; false when there was none. */
    public boolean runNext() {
        UUID[] ran = new UUID[1];
        try {
            QuarkusTransaction.requiringNew().timeout((int) config.imports().timeout().toSeconds()).run(() -> {
                Claimed job = claim();
                if (job == null) {
                    return;
                }
                ran[0] = job.id();
                // the events the import causes carry the correlation id of the request that sent the file
                if (job.correlationId() != null) {
                    MDC.put(Correlation.MDC_KEY, job.correlationId());
                }
                try {
                    run(job);
                } finally {
                    MDC.remove(Correlation.MDC_KEY);
                }
            });
        } catch (ProblemException e) { // refused as a whole (another department's row): nothing was written
            finish(ran[0], Status.REJECTED, null, e.getMessage());
        } catch (RuntimeException e) {
            if (ran[0] == null) {
                throw e; // no job was claimed: the database is away; the worker backs off and looks again
            }
            LOG.warnf(e, "value import %s stopped; it is run again", ran[0]);
            restarted.increment();
            lastError(ran[0], e);
        }
        return ran[0] != null;
    }

    private Claimed claim() {
        unfinished.set(((Number) em.createNativeQuery("select count(*) from value_import_job where finished_at is "
                + "null").getSingleResult()).longValue());
        List<?> found = em.createNativeQuery("select id, owner, is_admin, is_system, dept, partial, xlsx, file, "
                + "correlation_id from value_import_job where finished_at is null order by submitted_at limit 1 for no key update skip "
                + "locked").getResultList();
        if (found.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) found.get(0);
        return new Claimed((UUID) r[0], new ValueImportService.Importer((String) r[1], (Boolean) r[2],
                (Boolean) r[3], Optional.ofNullable((String) r[4])), (Boolean) r[5], (Boolean) r[6], (byte[]) r[7],
                (String) r[8]);
    }

    /** Inside the job's transaction. */
    private void run(Claimed job) {
        int attempt = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("insert into "
                + "value_import_progress (job_id, status, attempts, checked, written, updated_at) values (?1, ?2, 1, "
                + "0, 0, now()) on conflict (job_id) do update set status = excluded.status, attempts = "
                + "value_import_progress.attempts + 1, checked = 0, written = 0, updated_at = now() returning attempts")
                .setParameter(1, job.id()).setParameter(2, Status.CHECKING.name()).getSingleResult()).intValue());
        if (attempt > MAX_ATTEMPTS) {
            complete(job.id(), Status.FAILED, null, "the import stopped " + MAX_ATTEMPTS + " times before it could "
                    + "finish; nothing was written");
            return;
        }
        List<ValueImportService.Row> rows = ValueFiles.rows(job.file(), job.xlsx());
        ValueImportService.Outcome o = imports.importRows(rows, job.who(), job.partial(), new Progress(job.id()));
        List<ValueImportService.RowError> errors = o.errors();
        o = new ValueImportService.Outcome(o.rows(), o.stored(), o.corrected(), o.held(), o.rejected(),
                o.scorecardsRecomputed(), errors.subList(0, Math.min(MAX_ERRORS, errors.size())));
        em.createNativeQuery("update value_import_progress set checked = ?2, written = ?3, updated_at = now() where "
                + "job_id = ?1").setParameter(1, job.id()).setParameter(2, rows.size()).setParameter(3, o.stored())
                .executeUpdate();
        complete(job.id(), o.stored() == 0 && o.rejected() > 0 ? Status.REJECTED : Status.DONE, o, null);
    }

    /** Records a job's end in the current transaction; its file is no longer needed. */
    private void complete(UUID id, Status status, ValueImportService.Outcome outcome, String failure) {
        int ended = em.createNativeQuery("update value_import_job set status = ?2, outcome = cast(?3 as jsonb), "
                + "failure = ?4, file = null, finished_at = now() where id = ?1 and finished_at is null")
                .setParameter(1, id).setParameter(2, status.name())
                .setParameter(3, outcome == null ? null : write(outcome)).setParameter(4, failure).executeUpdate();
        if (ended == 1) { // not when another worker recorded the end first
            AfterCommit.run(registry, () -> meters.counter("jixiao.imports.finished", "status", status.name())
                    .increment());
        }
    }

    /** Records a job's end after its transaction rolled back. */
    private void finish(UUID id, Status status, ValueImportService.Outcome outcome, String failure) {
        QuarkusTransaction.requiringNew().run(() -> complete(id, status, outcome, failure));
    }

    private void lastError(UUID id, RuntimeException e) {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update value_import_progress set "
                    + "last_error = ?2, updated_at = now() where job_id = ?1").setParameter(1, id)
                    .setParameter(2, String.valueOf(e.getMessage())).executeUpdate());
        } catch (RuntimeException ignored) {
            // only a note for the logs' reader; the job is run again either way
        }
    }

    /** Writes a running job's counts in short transactions of their own: at each change of phase, else every 250 ms. */
    private final class Progress implements ValueImportService.Progress {
        private final UUID id;
        private Status phase = Status.CHECKING;
        private int checked;
        private int written;
        private long last;

        Progress(UUID id) {
            this.id = id;
        }

        @Override
        public void checked(int rows) {
            checked = rows;
            save(Status.CHECKING);
        }

        @Override
        public void written(int rows) {
            written = rows;
            save(Status.WRITING);
        }

        private void save(Status now) {
            long t = System.currentTimeMillis();
            if (now == phase && t - last < PROGRESS_EVERY_MS) {
                return;
            }
            phase = now;
            last = t;
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update value_import_progress set "
                    + "status = ?2, checked = ?3, written = ?4, updated_at = now() where job_id = ?1")
                    .setParameter(1, id).setParameter(2, now.name()).setParameter(3, checked)
                    .setParameter(4, written).executeUpdate());
        }
    }

    private String write(ValueImportService.Outcome o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ValueImportService.Outcome read(String json) {
        try {
            return mapper.readValue(json, ValueImportService.Outcome.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int intOf(Object o) {
        return o == null ? 0 : ((Number) o).intValue();
    }
}
