package io.jixiao.survey.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.jpa.HibernateHints;

import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.sheets.SheetFile;
import io.jixiao.kit.sql.Rows;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.Where;
import io.jixiao.survey.domain.Survey;
import io.jixiao.survey.domain.SurveyResponse;
import io.jixiao.survey.domain.index.Question;
import io.jixiao.survey.domain.index.ResponseScorer;
import io.jixiao.survey.repository.ResponseRepository;
import io.quarkus.panache.common.Sort;

/** The admins' view of a survey's responses: held ones reviewed, integrity figures, exports for analysts. */
@ApplicationScoped
public class ResponseAdminService {

    public enum Decision {
        COUNT, REJECT
    }

    /**
     * {@code devicesUnlinkedAt}: when the responses' device fingerprints were replaced by pseudonyms (a while after
     * the survey closed); {@code devices} still counts the distinct devices.
     */
    public record Integrity(UUID survey, long responses, Map<String, Long> byStatus, Map<String, Long> byFlag,
            long devices, long tokenResponses, @Schema(nullable = true) OffsetDateTime devicesUnlinkedAt) {
    }

    private final SurveyService surveys;
    private final ResponseRepository responses;

    public ResponseAdminService(SurveyService surveys, ResponseRepository responses) {
        this.surveys = surveys;
        this.responses = responses;
    }

    public Paged<SurveyResponse> list(UUID surveyId, SurveyResponse.Status status, PageRequest page) {
        Survey s = surveys.get(surveyId);
        return Where.all().eq("surveyId", s.id).eq("status", status).page(responses,
                Sort.by("submittedAt").and("id"), page);
    }

    /**
     * A held response counted after all (it enters the index) or rejected for good. Only held ones are reviewed, once:
     * the row is locked as it is read, so of two decisions sent at the same time the later reads the first and is
     * refused.
     */
    @Transactional
    public SurveyResponse review(UUID surveyId, UUID responseId, Decision decision, CurrentUser caller) {
        SurveyResponse r = responses.findByIdOptional(responseId, LockModeType.PESSIMISTIC_WRITE)
                .filter(x -> x.surveyId.equals(surveyId))
                .orElseThrow(() -> new ResourceNotFoundException("response", responseId));
        if (r.status != SurveyResponse.Status.HELD) {
            throw new ConflictException("response " + r.id + " is " + r.status + ": only held responses are reviewed");
        }
        r.status = decision == Decision.COUNT ? SurveyResponse.Status.COUNTED : SurveyResponse.Status.REJECTED;
        r.reviewedBy = caller.subject();
        r.reviewedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (r.status == SurveyResponse.Status.COUNTED && r.score != null) {
            responses.markDirty(r.subjectCode, r.period);
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    public Integrity integrity(UUID surveyId) {
        Survey s = surveys.get(surveyId);
        var em = responses.getEntityManager();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("select status, count(*) from survey_response"
                + " where survey_id = ?1 group by status order by status").setParameter(1, s.id).getResultList()) {
            byStatus.put((String) row[0], ((Number) row[1]).longValue());
        }
        Map<String, Long> byFlag = new LinkedHashMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("select f, count(*) from survey_response,"
                + " jsonb_array_elements_text(flags) f where survey_id = ?1 group by f order by f")
                .setParameter(1, s.id).getResultList()) {
            byFlag.put((String) row[0], ((Number) row[1]).longValue());
        }
        Object[] t = (Object[]) em.createNativeQuery("select count(*), count(distinct fingerprint), count(token_batch),"
                + " (select devices_unlinked_at from survey where id = ?1) from survey_response where survey_id = ?1")
                .setParameter(1, s.id).getSingleResult();
        return new Integrity(s.id, ((Number) t[0]).longValue(), byStatus, byFlag, ((Number) t[1]).longValue(),
                ((Number) t[2]).longValue(), Rows.timestamp(t[3]));
    }

    /**
     * Every response of a survey, one row each, one column per question; the fingerprint is never exported. The
     * responses are read from a cursor, one at a time, into a file: a survey of 105,000 responses read as a list
     * took more than the service's heap (500, then 504 for a workbook).
     */
    @Transactional
    public SheetFile export(UUID surveyId, SheetFile.Format format) {
        Survey s = surveys.get(surveyId);
        List<String> header = new ArrayList<>(List.of("response_id", "submitted_at", "group", "channel", "status",
                "flags", "duration_ms", "score"));
        for (Question q : s.questions) {
            header.add(q.group() + ":" + q.code());
        }
        var em = responses.getEntityManager();
        return SheetFile.write(format, "responses", header, out -> {
            try (var all = em.createQuery("from SurveyResponse where surveyId = :s order by submittedAt, id",
                    SurveyResponse.class).setParameter("s", s.id).setHint(HibernateHints.HINT_FETCH_SIZE, 500)
                    .setHint(HibernateHints.HINT_READ_ONLY, true).getResultStream()) {
                all.forEach(r -> {
                    out.row(row(s, r));
                    em.detach(r); // the session holds no more than the row being written
                });
            }
        });
    }

    private static List<Object> row(Survey s, SurveyResponse r) {
        List<Object> row = new ArrayList<>(List.of(r.id.toString(), r.submittedAt.toString(), r.respondent.name(),
                r.channel.name(), r.status.name(), String.join(" ", r.flags)));
        row.add(r.durationMs);
        row.add(r.score == null ? null : r.score.stripTrailingZeros());
        Map<String, ResponseScorer.Answer> byQuestion = new LinkedHashMap<>();
        r.answers.forEach(a -> byQuestion.put(a.question(), a));
        for (Question q : s.questions) {
            ResponseScorer.Answer a = q.group() == r.respondent ? byQuestion.get(q.code()) : null;
            row.add(a == null ? null : answerText(a));
        }
        return row;
    }

    private static Object answerText(ResponseScorer.Answer a) {
        if (a.value() != null) {
            return a.value().stripTrailingZeros();
        }
        if (a.choice() != null) {
            return a.choice();
        }
        if (a.choices() != null) {
            return String.join(";", a.choices());
        }
        return a.text();
    }

    public record Table(String name, List<String> header, List<List<Object>> rows) {
    }
}
