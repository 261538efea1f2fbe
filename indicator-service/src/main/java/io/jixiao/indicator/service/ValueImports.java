package io.jixiao.indicator.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import io.jixiao.kit.problem.ProblemException;

/**
 * File imports of values run after the upload has been answered (202): their progress (rows checked, rows written) and
 * outcome can be followed by whoever submitted them, or an admin. Kept in memory for a day (at most 500): the values
 * themselves are in the database or not at all (one transaction), so a lost status loses nothing.
 */
@ApplicationScoped
public class ValueImports {

    public enum Status {
        QUEUED, CHECKING, WRITING, DONE, REJECTED, FAILED
    }

    public record JobView(UUID id, Status status, boolean partial, int rows, int checked, int written, Integer stored,
            Integer corrected, Integer held, Integer rejected, Integer scorecardsRecomputed,
            List<ValueImportService.RowError> errors,
            String failure, OffsetDateTime submittedAt, OffsetDateTime finishedAt) {
    }

    private static final class Job {
        final UUID id = UUID.randomUUID();
        final String owner;
        final boolean partial;
        final int rows;
        final AtomicInteger checked = new AtomicInteger();
        final AtomicInteger written = new AtomicInteger();
        final OffsetDateTime submittedAt = OffsetDateTime.now(ZoneOffset.UTC);
        volatile Status status = Status.QUEUED;
        volatile ValueImportService.Outcome outcome;
        volatile String failure;
        volatile OffsetDateTime finishedAt;

        Job(String owner, boolean partial, int rows) {
            this.owner = owner;
            this.partial = partial;
            this.rows = rows;
        }

        JobView view() {
            ValueImportService.Outcome o = outcome;
            return new JobView(id, status, partial, rows, checked.get(), written.get(), o == null ? null : o.stored(),
                    o == null ? null : o.corrected(), o == null ? null : o.held(), o == null ? null : o.rejected(),
                    o == null ? null : o.scorecardsRecomputed(),
                    o == null ? List.of() : o.errors().subList(0, Math.min(1000, o.errors().size())), failure,
                    submittedAt, finishedAt);
        }
    }

    private static final Logger LOG = Logger.getLogger(ValueImports.class);
    private static final int KEEP = 500;

    private final Map<UUID, Job> jobs = new ConcurrentHashMap<>();
    private final ValueImportService imports;
    private final ManagedExecutor executor;

    public ValueImports(ValueImportService imports, ManagedExecutor executor) {
        this.imports = imports;
        this.executor = executor;
    }

    public JobView submit(List<ValueImportService.Row> rows, ValueImportService.Importer who, boolean partial) {
        forgetOld();
        Job job = new Job(who.subject(), partial, rows.size());
        jobs.put(job.id, job);
        executor.runAsync(() -> run(job, rows, who));
        return job.view();
    }

    public Optional<JobView> get(UUID id, ValueImportService.Importer who) {
        return Optional.ofNullable(jobs.get(id)).filter(j -> who.admin() || j.owner.equals(who.subject()))
                .map(Job::view);
    }

    private void run(Job job, List<ValueImportService.Row> rows, ValueImportService.Importer who) {
        job.status = Status.CHECKING;
        try {
            ValueImportService.Outcome o = imports.importRows(rows, who, job.partial,
                    new ValueImportService.Progress() {
                        @Override
                        public void checked(int n) {
                            job.checked.set(n);
                        }

                        @Override
                        public void written(int n) {
                            job.status = Status.WRITING;
                            job.written.set(n);
                        }
                    });
            job.outcome = o;
            job.status = o.stored() == 0 && o.rejected() > 0 ? Status.REJECTED : Status.DONE;
        } catch (ProblemException e) {
            job.failure = e.getMessage();
            job.status = Status.REJECTED;
        } catch (RuntimeException e) {
            LOG.errorf(e, "value import %s failed", job.id);
            job.failure = "the import could not be completed; nothing was written";
            job.status = Status.FAILED;
        } finally {
            job.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
    }

    private void forgetOld() {
        OffsetDateTime dayAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        jobs.values().removeIf(j -> j.finishedAt != null && j.finishedAt.isBefore(dayAgo));
        for (Iterator<Job> it = jobs.values().iterator(); jobs.size() > KEEP && it.hasNext();) {
            Job j = it.next();
            if (j.finishedAt != null) {
                it.remove();
            }
        }
    }
}
