package io.jixiao.indicator.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.indicator.config.IndicatorConfig;
import io.jixiao.indicator.domain.Subject;
import io.jixiao.indicator.messaging.IndicatorEvents;
import io.jixiao.indicator.messaging.IndicatorEvents.SubjectRegistered;
import io.jixiao.indicator.repository.SubjectRepository;
import io.jixiao.kit.outbox.Outbox;
import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;

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
        if (s.parentCode != null && subjects.findByIdOptional(s.parentCode).isEmpty()) {
            throw new RuleViolationException("parentCode", "parent subject " + s.parentCode + " does not exist");
        }
        subjects.persist(s);
        outbox.publish(config.topic(), IndicatorEvents.SUBJECT_REGISTERED, s.code, new SubjectRegistered(s.code,
                s.nameZh, s.nameEn, s.parentCode, s.level.name(), s.activeFrom, s.activeTo));
        return s;
    }

    public Optional<Subject> find(String code) {
        return subjects.findByIdOptional(code);
    }

    public Paged<Subject> list(PageRequest page) {
        return Where.all().page(subjects, io.quarkus.panache.common.Sort.by("code"), page);
    }
}
