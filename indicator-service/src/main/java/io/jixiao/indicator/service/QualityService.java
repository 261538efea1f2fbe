package io.jixiao.indicator.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.jixiao.indicator.domain.IndicatorVersion;
import io.jixiao.indicator.domain.QualityFlag;
import io.jixiao.indicator.domain.QualityFlag.Decision;
import io.jixiao.indicator.domain.SubjectPeriod;
import io.jixiao.indicator.domain.quality.QualityRules;
import io.jixiao.indicator.domain.quality.QualityRules.Kind;
import io.jixiao.indicator.domain.quality.QualityRules.YearPair;
import io.jixiao.indicator.repository.IndicatorVersionRepository;
import io.jixiao.indicator.repository.QualityFlagRepository;
import io.jixiao.indicator.domain.QualityFlag.Filter;
import io.jixiao.indicator.repository.ScorecardRepository;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.problem.ProblemException.AccessDeniedException;
import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

/**
 * Data-quality flags: the list (a department sees its own), an admin's review of each (a held value then counts or
 * never does; a zombie indicator is kept or retired), and the yearly zombie scan.
 */
@ApplicationScoped
public class QualityService {

    /** What a zombie scan looked at and found. */
    public record ZombieScan(int year, int indicatorsCompared, List<QualityFlag> raised) {
    }

    private final QualityFlagRepository flags;
    private final IndicatorVersionRepository versions;
    private final ScorecardRepository scorecards;
    private final ScorecardBatch batch;
    private final ValueService values;
    private final EntityManager em;

    public QualityService(QualityFlagRepository flags, IndicatorVersionRepository versions,
            ScorecardRepository scorecards, ScorecardBatch batch, ValueService values, EntityManager em) {
        this.flags = flags;
        this.versions = versions;
        this.scorecards = scorecards;
        this.batch = batch;
        this.values = values;
        this.em = em;
    }

    /** Flags, newest first; a department only sees its own subject's. */
    public Paged<QualityFlag> list(Filter filter, PageRequest page, CurrentUser caller) {
        Filter f = filter;
        if (!caller.hasRole(CurrentUser.ADMIN) && !caller.hasRole(CurrentUser.SYSTEM)) {
            String own = caller.dept().orElseThrow(() -> new AccessDeniedException("no department in your token"));
            if (filter.subject() != null && !filter.subject().equals(own)) {
                throw new AccessDeniedException("you may only see your own department's flags");
            }
            f = new Filter(filter.status(), filter.kind(), own, filter.indicator(), filter.period());
        }
        return flags.page(f, page);
    }

    public QualityFlag get(long id, CurrentUser caller) {
        QualityFlag flag = flags.findByIdOptional(id).orElseThrow(() -> new ResourceNotFoundException("flag", id));
        if (!caller.hasRole(CurrentUser.ADMIN) && !caller.hasRole(CurrentUser.SYSTEM)
                && (flag.subjectCode == null || caller.dept().filter(flag.subjectCode::equals).isEmpty())) {
            throw new AccessDeniedException("you may only see your own department's flags");
        }
        return flag;
    }

    /** An admin decides an open flag (the entity checks which decisions its kind takes). */
    @Transactional
    public QualityFlag review(long id, Decision decision, String note, String by) {
        QualityFlag flag = flags.findByIdOptional(id).orElseThrow(() -> new ResourceNotFoundException("flag", id));
        flag.review(decision, note, by, OffsetDateTime.now(ZoneOffset.UTC));
        if (flag.kind == Kind.ZOMBIE) {
            if (decision == Decision.RETIRE) {
                retire(flag.indicatorCode, Integer.parseInt(flag.period) + 1);
            }
        } else {
            values.reviewed(flag);
        }
        return flag;
    }

    /**
     * Compares each subject's counted values of {@code year} with the same periods a year earlier and flags every
     * indicator that changed by less than 1% for all of them (once per indicator and year).
     */
    @Transactional
    public ZombieScan scanZombies(int year) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select c.indicator_code, c.subject_code, p.actual, c.actual "
                + "from indicator_value c join indicator_value p on p.subject_code = c.subject_code and "
                + "p.indicator_code = c.indicator_code and p.is_current and p.actual is not null and p.period = "
                + "lpad(cast(cast(substr(c.period, 1, 4) as integer) - 1 as varchar), 4, '0') || substr(c.period, 5) "
                + "where c.is_current and c.actual is not null and substr(c.period, 1, 4) = :y")
                .setParameter("y", String.format("%04d", year)).getResultList();
        Map<String, List<YearPair>> byIndicator = new TreeMap<>();
        for (Object[] r : rows) {
            byIndicator.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new YearPair((String) r[1],
                    (BigDecimal) r[2], (BigDecimal) r[3]));
        }
        String period = String.format("%04d", year);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<QualityFlag> raised = new ArrayList<>();
        byIndicator.forEach((indicator, pairs) -> {
            if (!QualityRules.zombie(pairs) || flags.count("kind = ?1 and indicatorCode = ?2 and period = ?3",
                    Kind.ZOMBIE, indicator, period) > 0) {
                return;
            }
            QualityFlag f = new QualityFlag();
            f.kind = Kind.ZOMBIE;
            f.indicatorCode = indicator;
            f.period = period;
            f.detail = "every one of " + pairs.size() + " values of " + year + " changed by less than 1% from "
                    + (year - 1) + " (" + pairs.stream().map(YearPair::subject).distinct().count() + " subjects): a "
                    + "candidate for retirement";
            f.raisedAt = now;
            flags.persist(f);
            raised.add(f);
        });
        return new ZombieScan(year, byIndicator.size(), raised);
    }

    /** Ends the indicator's open-ended version with the year before {@code fromYear}, then rescores those periods. */
    private void retire(String indicator, int fromYear) {
        int from = fromYear * 12;
        List<IndicatorVersion> all = versions.of(indicator);
        for (IndicatorVersion v : all) {
            if (v.fromMonth >= from) {
                throw new ConflictException("version " + v.versionNo + " of " + indicator + " starts in " + v.validFrom
                        + ": it cannot be retired from " + fromYear);
            }
        }
        Set<SubjectPeriod> touched = new LinkedHashSet<>();
        for (IndicatorVersion v : all) {
            if (v.toMonth == null || v.toMonth >= from) {
                v.endBefore(from);
            }
        }
        versions.flush();
        scorecards.resultsOf().stream().filter(sp -> Period.startMonth(sp.period()) >= from).forEach(touched::add);
        batch.recompute(touched);
    }
}
