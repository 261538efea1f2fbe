package io.jixiao.survey.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.jixiao.kit.problem.ProblemException.AccessDeniedException;
import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.sql.Rows;
import io.jixiao.survey.domain.Access;
import io.jixiao.survey.domain.Channel;
import io.jixiao.survey.domain.Survey;
import io.jixiao.survey.domain.SurveyStatus;

/**
 * Single-use invitation tokens. A token is 128 random bits (URL-safe Base64); only its SHA-256 is stored, so the batch
 * shown to the admin once (for printing or QR codes) is the only place the tokens exist. Consuming one is a single
 * conditional update, so two submissions with the same token cannot both succeed.
 */
@ApplicationScoped
public class TokenService {

    public static final int MAX_BATCH = 10_000;

    public record Batch(UUID batchId, UUID survey, Channel channel, List<String> tokens) {
    }

    private final SecureRandom random = new SecureRandom();
    private final EntityManager em;
    private final SurveyService surveys;

    public TokenService(EntityManager em, SurveyService surveys) {
        this.em = em;
        this.surveys = surveys;
    }

    @Transactional
    public Batch generate(UUID surveyId, int count, Channel channel) {
        Survey s = surveys.get(surveyId);
        if (s.access != Access.TOKEN) {
            throw new RuleViolationException("access", "survey " + s.id + " is answered by public link: it takes no"
                    + " invitation tokens");
        }
        if (s.status == SurveyStatus.CLOSED) {
            throw new ConflictException("survey " + s.id + " is closed");
        }
        UUID batch = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> tokens = new ArrayList<>(count);
        var session = em.unwrap(org.hibernate.Session.class);
        session.doWork(c -> {
            try (var ps = c.prepareStatement("insert into survey_token (token_hash, survey_id, batch_id, channel,"
                    + " created_at) values (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < count; i++) {
                    byte[] raw = new byte[16];
                    random.nextBytes(raw);
                    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
                    tokens.add(token);
                    ps.setString(1, hash(token));
                    ps.setObject(2, s.id);
                    ps.setObject(3, batch);
                    ps.setString(4, channel == null ? null : channel.name());
                    ps.setObject(5, now);
                    ps.addBatch();
                    if (i % 500 == 499) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        });
        return new Batch(batch, s.id, channel, tokens);
    }

    /**
     * Uses up a token for this survey, in the caller's transaction (a refused response rolls it back, so the token
     * stays usable). Returns the token's batch; refuses a token of another survey (403) or one already used (409).
     * Only that it was used is stored, not when: the time would match its response's and tell who answered.
     */
    public UUID consume(Survey s, String token) {
        String h = hash(token);
        @SuppressWarnings("unchecked")
        List<Object> used = em.createNativeQuery("update survey_token set used = true where token_hash = ?1 and"
                + " survey_id = ?2 and not used returning batch_id").setParameter(1, h).setParameter(2, s.id)
                .getResultList();
        if (!used.isEmpty()) {
            return (UUID) used.get(0);
        }
        @SuppressWarnings("unchecked")
        List<Object> known = em.createNativeQuery("select 1 from survey_token where token_hash = ?1 and survey_id = ?2")
                .setParameter(1, h).setParameter(2, s.id).getResultList();
        if (known.isEmpty()) {
            throw new AccessDeniedException("this invitation is not valid for this survey");
        }
        throw new ConflictException("this invitation has been used already");
    }

    public record Usage(UUID batch, @Schema(nullable = true) Channel channel, OffsetDateTime createdAt, long issued,
            long used) {
    }

    /** Issued and used tokens of a survey, per batch (never the tokens). */
    @SuppressWarnings("unchecked")
    public List<Usage> usage(UUID surveyId) {
        List<Object[]> rows = em.createNativeQuery("select batch_id, channel, min(created_at), count(*),"
                + " count(*) filter (where used) from survey_token where survey_id = ?1 group by batch_id, channel"
                + " order by min(created_at)").setParameter(1, surveys.get(surveyId).id).getResultList();
        return rows.stream().map(r -> new Usage((UUID) r[0], r[1] == null ? null : Channel.valueOf((String) r[1]),
                Rows.timestamp(r[2]), ((Number) r[3]).longValue(), ((Number) r[4]).longValue())).toList();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
