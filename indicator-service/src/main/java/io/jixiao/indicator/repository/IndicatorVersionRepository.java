package io.jixiao.indicator.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.FlushMode;
import org.hibernate.jpa.AvailableHints;
import org.hibernate.query.NativeQuery;

import io.jixiao.indicator.domain.Indicator;
import io.jixiao.indicator.domain.IndicatorVersion;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.tx.WriteGate;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

/**
 * Indicator versions, and the definitions in force in a period (what scores it).
 *
 * <p>
 * The definitions in force are read from an in-memory catalogue of every version, shared by all requests: scoring a
 * single value used to load and copy every version in force (hundreds of rows with JSON columns) in each request.
 * Each transaction reads the catalogue's revision (one row, moved on by a trigger whenever {@code indicator_version}
 * changes, see V4) and reloads the catalogue when it differs, so a new version is seen by the next transaction on
 * every instance, and a transaction that changed versions itself sees its own change. Loads are single-flight: the
 * callers that meet a new revision together wait for the first one's load. The definitions handed out are detached
 * and shared: callers read them and never change them.
 */
@ApplicationScoped
public class IndicatorVersionRepository implements PanacheRepository<IndicatorVersion> {

    /**
     * The key of the {@link WriteGate} between scoring and changes to the definitions: every transaction that scores
     * values (a value, an import, a recompute) passes it before it reads the definitions; a new version closes it
     * before it reads the values it rescores. So a version waits for the values being scored under the definitions
     * before it, and rescores them; a value that comes while it waits reads the new version. A revision of a subject's
     * active period closes it too, and a value reads the subject's dates after passing it.
     */
    public static final String CATALOGUE_GATE = "catalogue";

    /** Passes {@link #CATALOGUE_GATE} to score, until the transaction ends. */
    public void lockForScoring() {
        WriteGate.shared(getEntityManager(), CATALOGUE_GATE);
    }

    /** Closes {@link #CATALOGUE_GATE} for a new version, until the transaction ends. */
    public void lockForChange() {
        WriteGate.exclusive(getEntityManager(), CATALOGUE_GATE);
    }

    /** One version's definition and the months it covers. */
    private record Entry(int fromMonth, Integer toMonth, Indicator definition) {
        boolean inForce(int month) {
            return IndicatorVersion.covers(fromMonth, toMonth, month);
        }
    }

    /**
     * Every version as of a revision. The list per month is built on first use, and months with the same versions in
     * force share one list (callers may key their own memos by it).
     */
    private record Catalogue(long revision, List<Entry> entries, Map<String, List<Entry>> byCode,
            Map<Integer, List<Indicator>> byMonth, Map<List<Indicator>, List<Indicator>> distinct) {

        Catalogue(long revision, List<Entry> entries) {
            this(revision, entries, entries.stream().collect(Collectors.groupingBy(e -> e.definition().code)),
                    new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }

        List<Indicator> inForce(int month) {
            return byMonth.computeIfAbsent(month, m -> distinct.computeIfAbsent(entries.stream()
                    .filter(e -> e.inForce(m)).map(Entry::definition).toList(), list -> list));
        }

        Optional<Indicator> inForce(String code, int month) {
            return byCode.getOrDefault(code, List.of()).stream().filter(e -> e.inForce(month)).findFirst()
                    .map(Entry::definition);
        }
    }

    private volatile Catalogue catalogue;
    /** One load at a time: callers that meet the same new revision wait for one load instead of each doing it. */
    private final ReentrantLock loading = new ReentrantLock();

    public List<IndicatorVersion> of(String code) {
        return list("indicatorCode = ?1 order by versionNo", code);
    }

    /** The definition of {@code code} in force in {@code period}, if any. */
    public Optional<Indicator> inForce(String code, String period) {
        return catalogue().inForce(code, Period.startMonth(period));
    }

    /** Every definition in force in {@code period}, in code order. */
    public List<Indicator> inForce(String period) {
        return catalogue().inForce(Period.startMonth(period));
    }

    /** The indicators on a subject's scorecard for a period, as in force then, in code order. */
    public List<Indicator> applicableTo(String subject, String period) {
        return inForce(period).stream().filter(i -> i.appliesTo(subject)).toList();
    }

    /**
     * For each period, every definition in force in it, in code order. Periods with the same versions in force share
     * one list.
     */
    public Map<String, List<Indicator>> inForce(List<String> periods) {
        Catalogue c = catalogue();
        Map<String, List<Indicator>> byPeriod = new HashMap<>();
        periods.forEach(p -> byPeriod.put(p, c.inForce(Period.startMonth(p))));
        return byPeriod;
    }

    /** The catalogue as of this transaction's revision, reloaded when a version changed since it was loaded. */
    private Catalogue catalogue() {
        // flushes this session's pending version changes first, so that their trigger has run
        long revision = ((Number) getEntityManager().createNativeQuery("select revision from catalogue_revision")
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(IndicatorVersion.class).getSingleResult())
                .longValue();
        Catalogue c = catalogue;
        if (c != null && c.revision() == revision) {
            return c;
        }
        loading.lock();
        try {
            c = catalogue;
            if (c != null && c.revision() == revision) {
                return c; // loaded by the caller this one waited for
            }
            return load(revision);
        } finally {
            loading.unlock();
        }
    }

    /**
     * Loads every version in the caller's transaction. Only a plain read runs under the load lock (no flush: the
     * revision query flushed already), and PostgreSQL blocks a read only behind DDL, so no transaction waiting for the
     * lock can hold up the load.
     */
    private Catalogue load(long revision) {
        List<Entry> entries = find("order by indicatorCode, fromMonth").withHint(AvailableHints.HINT_FLUSH_MODE,
                FlushMode.MANUAL).list().stream().map(v -> {
                    Indicator i = v.asIndicator();
                    i.appliesTo(""); // builds its subject set now, before it is shared between threads
                    return new Entry(v.fromMonth, v.toMonth, i);
                }).toList();
        Catalogue loaded = new Catalogue(revision, entries);
        // the latest load is shared, whatever its revision. Keeping only the highest revision ever loaded let a
        // transaction that changed versions, read the catalogue and rolled back leave its revision behind: revisions
        // come from a sequence, so no one ever commits that number, and every other transaction reloaded the whole
        // catalogue on every call until the next version change. Now a straggler with an older revision can replace
        // a newer catalogue for a moment; the next caller loads the newer one again.
        catalogue = loaded;
        return loaded;
    }
}
