package io.jixiao.survey.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.jixiao.kit.inbox.EventEnvelope;
import io.jixiao.kit.inbox.PoisonEventException;
import io.jixiao.survey.domain.KnownSubject;
import io.jixiao.survey.messaging.SurveyEvents.SubjectRegistered;
import io.jixiao.survey.repository.SubjectCopyRepository;

/** Keeps survey-service's copy of the subjects registered in indicator-service. */
@ApplicationScoped
public class SubjectCopyService {

    private final SubjectCopyRepository subjects;

    public SubjectCopyService(SubjectCopyRepository subjects) {
        this.subjects = subjects;
    }

    @Transactional(TxType.MANDATORY)
    public void apply(EventEnvelope env, SubjectRegistered s) {
        if (s.code() == null || s.nameZh() == null) {
            throw new PoisonEventException("subject event " + env.id() + " without code or name");
        }
        KnownSubject k = subjects.findByIdOptional(s.code()).orElse(null);
        boolean fresh = k == null;
        if (fresh) {
            k = new KnownSubject();
            k.code = s.code();
        }
        k.nameZh = s.nameZh();
        k.parentCode = s.parentCode();
        k.activeFrom = s.activeFrom();
        k.activeTo = s.activeTo();
        k.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (fresh) {
            subjects.persist(k);
        }
    }
}
