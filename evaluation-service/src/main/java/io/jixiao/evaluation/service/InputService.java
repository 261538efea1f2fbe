package io.jixiao.evaluation.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.jixiao.evaluation.domain.KnownSubject;
import io.jixiao.evaluation.domain.SatisfactionInput;
import io.jixiao.evaluation.domain.ScorecardInput;
import io.jixiao.evaluation.messaging.ConsumedEvents.SatisfactionComputed;
import io.jixiao.evaluation.messaging.ConsumedEvents.ScorecardComputed;
import io.jixiao.evaluation.messaging.ConsumedEvents.SubjectRegistered;
import io.jixiao.evaluation.repository.InputRepository;
import io.jixiao.kit.inbox.EventEnvelope;
import io.jixiao.kit.inbox.PoisonEventException;
import io.jixiao.kit.period.Period;

/**
 * Applies consumed facts to this service's read copies. Runs inside the idempotent consumer's transaction; an older
 * fact arriving after a newer one (redelivery, replay) does not overwrite it.
 */
@ApplicationScoped
public class InputService {

    private final InputRepository inputs;

    public InputService(InputRepository inputs) {
        this.inputs = inputs;
    }

    @Transactional(TxType.MANDATORY)
    public void subject(EventEnvelope env, SubjectRegistered s) {
        if (s.code() == null || s.nameZh() == null) {
            throw new PoisonEventException("subject event " + env.id() + " without code or name");
        }
        KnownSubject k = inputs.subject(s.code()).orElse(null);
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
            inputs.persist(k);
        }
    }

    @Transactional(TxType.MANDATORY)
    public void scorecard(EventEnvelope env, ScorecardComputed e) {
        if (e.subject() == null || e.period() == null || e.computedAt() == null) {
            throw new PoisonEventException("scorecard event " + env.id() + " without subject, period or time");
        }
        ScorecardInput in = inputs.scorecard(e.subject(), e.period()).orElse(null);
        if (in != null && in.computedAt.isAfter(e.computedAt())) {
            return;
        }
        if (in == null) {
            in = new ScorecardInput();
            in.subjectCode = e.subject();
            in.period = e.period();
            fill(in, env, e);
            inputs.persist(in);
        } else {
            fill(in, env, e);
        }
    }

    @Transactional(TxType.MANDATORY)
    public void satisfaction(EventEnvelope env, SatisfactionComputed e) {
        if (e.subject() == null || e.period() == null || e.index() == null || e.computedAt() == null) {
            throw new PoisonEventException("satisfaction event " + env.id() + " without subject, period or index");
        }
        SatisfactionInput in = inputs.satisfaction(e.subject(), e.period()).orElse(null);
        if (in != null && in.computedAt.isAfter(e.computedAt())) {
            return;
        }
        boolean fresh = in == null;
        if (fresh) {
            in = new SatisfactionInput();
            in.subjectCode = e.subject();
            in.period = e.period();
        }
        in.index = e.index();
        in.sampleSize = e.n();
        in.held = e.flags() != null && e.flags().contains("SUSPICIOUS_HIGH");
        in.computedAt = e.computedAt();
        in.eventId = env.id();
        if (fresh) {
            inputs.persist(in);
        }
    }

    private static void fill(ScorecardInput in, EventEnvelope env, ScorecardComputed e) {
        in.total = e.total();
        in.financial = e.dimensions() == null ? null : e.dimensions().get("FINANCIAL");
        in.political = e.dimensions() == null ? null : e.dimensions().get("POLITICAL");
        in.grade = e.grade();
        in.gateStatus = e.gate() == null || e.gate().status() == null ? "NONE" : e.gate().status();
        in.computedAt = e.computedAt();
        in.eventId = env.id();
    }

    /**
     * Why the subjects cannot be evaluated for {@code period}: those not registered in indicator-service, then those
     * whose active period has no part in it. Empty when all can.
     */
    Optional<String> refusal(java.util.Collection<String> codes, String period) {
        List<String> unknown = new ArrayList<>();
        List<String> inactive = new ArrayList<>();
        for (String c : codes) {
            KnownSubject k = inputs.subject(c).orElse(null);
            if (k == null) {
                unknown.add(c);
            } else if (Period.valid(period) && !k.active().overlaps(period)) {
                inactive.add(k.active().refusal(c, period, "evaluation"));
            }
        }
        if (!unknown.isEmpty()) {
            return Optional
                    .of("unknown subject(s) " + unknown + ": subjects must be registered in indicator-service first");
        }
        return inactive.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", inactive));
    }
}
