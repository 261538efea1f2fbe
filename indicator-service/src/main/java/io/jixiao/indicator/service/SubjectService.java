package io.jixiao.indicator.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.indicator.config.IndicatorConfig;
import io.jixiao.indicator.domain.Subject;
import io.jixiao.indicator.domain.SubjectLevel;
import io.jixiao.indicator.messaging.IndicatorEvents;
import io.jixiao.indicator.messaging.IndicatorEvents.SubjectRegistered;
import io.jixiao.indicator.repository.SubjectRepository;
import io.jixiao.kit.outbox.Outbox;
import io.jixiao.kit.period.ActivePeriod;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.kit.problem.ProblemException.PreconditionFailedException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class SubjectService {

    private final SubjectRepository subjects;
    private final Outbox outbox;
    private final IndicatorConfig config;

    public SubjectService(SubjectRepository subjects, Outbox outbox, IndicatorConfig config) {
        this.subjects = subjects;
        this.outbox = outbox;
        this.config = config;
    }

    @Transactional
    public Subject register(Subject s) {
        if (subjects.findByIdOptional(s.code).isPresent()) {
            throw new ConflictException("subject " + s.code + " is already registered");
        }
        if (s.parentCode != null) {
            Subject parent = subjects.findByIdOptional(s.parentCode).orElseThrow(() -> new RuleViolationException(
                    "parentCode", "parent subject " + s.parentCode + " does not exist"));
            requireLevelUnder(parent, s.level);
        }
        subjects.persist(s);
        outbox.publish(config.topic(), IndicatorEvents.SUBJECT_REGISTERED, s.code, event(s));
        return s;
    }

    /** What a subject is from now on: everything but its code. */
    public record Revision(String nameZh, String nameEn, String parentCode, SubjectLevel level, LocalDate activeFrom,
            LocalDate activeTo) {
    }

    /**
     * Replaces a subject's names, parent, level and active period, if it is still at {@code version} (when given), and
     * publishes {@code subject.changed} so that the other services' copies follow. A parent must exist, must not be
     * the subject or one of the units under it, and must not sit below the subject's level; no subject under it may sit
     * above its new level. Nothing changes, and nothing is published, when the revision is the subject as it is.
     */
    @Transactional
    public Subject revise(String code, Long version, Revision revision) {
        subjects.lockHierarchy();
        Subject s = subjects.findByIdOptional(code).orElseThrow(() -> new ResourceNotFoundException("subject", code));
        if (version != null && version != s.version) {
            throw new PreconditionFailedException("subject " + code + " is at version " + s.version + ", not "
                    + version);
        }
        for (String p = revision.parentCode(); p != null;) {
            if (p.equals(code)) {
                throw new RuleViolationException("parentCode", "subject " + revision.parentCode() + " is " + code
                        + " or under it, so it cannot be its parent");
            }
            String at = p;
            p = subjects.findByIdOptional(at).orElseThrow(
                    () -> new RuleViolationException("parentCode",
                            "parent subject " + at + " does not exist")).parentCode;
        }
        if (revision.parentCode() != null) {
            requireLevelUnder(subjects.findById(revision.parentCode()), revision.level());
        }
        for (Subject child : subjects.list("parentCode", code)) {
            if (child.level.ordinal() < revision.level().ordinal()) {
                throw new RuleViolationException("level", code + " has " + child.level + " " + child.code
                        + " under it, so it cannot be a " + revision.level());
            }
        }
        if (!s.active().equals(new ActivePeriod(revision.activeFrom(), revision.activeTo()))) {
            subjects.closeScoringGate();
        }
        if (s.revise(revision.nameZh(), revision.nameEn(), revision.parentCode(), revision.level(),
                revision.activeFrom(), revision.activeTo())) {
            subjects.flush(); // the new version, for the ETag
            outbox.publish(config.topic(), IndicatorEvents.SUBJECT_CHANGED, s.code, event(s));
        }
        return s;
    }

    /**
     * Publishes every subject as it is now, as {@code subject.changed}, for a consuming service whose copy fell behind:
     * restored from a backup, deployed after the topic's retention dropped the registrations, or migrated to keep a
     * field it used to ignore. Taken under the hierarchy lock, so no revision lands between two of them. Consumers
     * apply a subject event as an upsert, so a copy that was right stays right. How many were published.
     */
    @Transactional
    public int republishAll() {
        subjects.lockHierarchy();
        List<Subject> all = subjects.listAll(Sort.by("code"));
        all.forEach(s -> outbox.publish(config.topic(), IndicatorEvents.SUBJECT_CHANGED, s.code, event(s)));
        return all.size();
    }

    /**
     * City → department → unit: a parent is at the child's level or above it (a county-level city under a city, a
     * unit under a unit), never below it (a city under a department).
     */
    private static void requireLevelUnder(Subject parent, SubjectLevel level) {
        if (parent.level.ordinal() > level.ordinal()) {
            throw new RuleViolationException("parentCode", "parent subject " + parent.code + " is a " + parent.level
                    + ", below a " + level);
        }
    }

    private static SubjectRegistered event(Subject s) {
        return new SubjectRegistered(s.code, s.nameZh, s.nameEn, s.parentCode, s.level.name(), s.activeFrom,
                s.activeTo);
    }

    public Optional<Subject> find(String code) {
        return subjects.findByIdOptional(code);
    }

    /** The subjects matching what is given (null narrows nothing), by code; {@code activeIn} is a valid period. */
    public Paged<Subject> list(SubjectLevel level, String parent, String activeIn, List<String> codes,
            PageRequest page) {
        Where w = Where.all().eq("level", level).eq("parentCode", parent)
                .andIf(codes != null && !codes.isEmpty(), "e.code in :codes", "codes", codes);
        if (activeIn != null) {
            w.and("e.activeFrom is null or e.activeFrom <= :lastDay", "lastDay", Period.lastDay(activeIn))
                    .and("e.activeTo is null or e.activeTo >= :firstDay", "firstDay", Period.firstDay(activeIn));
        }
        return w.page(subjects, io.quarkus.panache.common.Sort.by("code"), page);
    }
}
