package io.jixiao.survey.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.jixiao.kit.problem.Problem;
import io.jixiao.kit.problem.ProblemException.AccessDeniedException;
import io.jixiao.kit.problem.ProblemException.ConflictException;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.problem.ProblemException.TooManyRequestsException;
import io.jixiao.survey.config.SurveyConfig;
import io.jixiao.survey.domain.Access;
import io.jixiao.survey.domain.Channel;
import io.jixiao.survey.domain.Survey;
import io.jixiao.survey.domain.PersonalData;
import io.jixiao.survey.domain.SurveyResponse;
import io.jixiao.survey.domain.index.ResponseScorer;
import io.jixiao.survey.domain.index.RespondentGroup;
import io.jixiao.survey.repository.ResponseRepository;

/** Accepts anonymous responses: validation, scoring, automation flags, and the mark for the index recompute. */
@ApplicationScoped
public class ResponseService {

    public static final String TOO_FAST = "TOO_FAST";
    public static final String STRAIGHT_LINING = "STRAIGHT_LINING";
    public static final String BURST = "BURST";

    /**
     * {@code responseId}: optional, chosen by the page when it was loaded; sent again after a lost answer, it gets the
     * first receipt and nothing is counted twice.
     */
    public record NewResponse(RespondentGroup group, Channel channel, List<ResponseScorer.Answer> answers,
            Long durationMs, String clientAddress, String userAgent, String token, UUID responseId) {
    }

    private final SurveyService surveys;
    private final ResponseRepository responses;
    private final TokenService tokens;
    private final SurveyConfig config;
    private final io.micrometer.core.instrument.Counter throttled;

    public ResponseService(SurveyService surveys, ResponseRepository responses, TokenService tokens,
            SurveyConfig config, io.micrometer.core.instrument.MeterRegistry meters) {
        this.surveys = surveys;
        this.responses = responses;
        this.tokens = tokens;
        this.config = config;
        this.throttled = meters.counter("jixiao.survey.throttled");
    }

    /**
     * Three statements: the device's lock with the survey's version, the device's recent responses, and the insert
     * with its recompute mark (plus the token's consumption when there is one). The form itself comes parsed from
     * memory when its version has not moved.
     */
    /** The response's id, and whether it had been received before (nothing was written this time). */
    public record Submitted(UUID id, boolean replayed) {
    }

    @Transactional
    public Submitted submit(UUID surveyId, NewResponse n) {
        String device = fingerprint(n.clientAddress(), n.userAgent());
        long version = responses.lockDeviceAndReadSurveyVersion(device, surveyId, n.responseId())
                .orElseThrow(() -> new ResourceNotFoundException("survey", surveyId));
        Survey s = surveys.publicForm(surveyId, version);
        boolean anonymous = n.token() == null || n.token().isBlank();
        if (s.access == Access.TOKEN && anonymous) {
            throw new AccessDeniedException(
                    "this survey is answered by invitation only: open the link on your invitation");
        }
        List<String> flags = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ResponseRepository.DeviceActivity recent = responses.deviceActivity(device, s.id,
                now.minus(config.throttle().window()), now.minus(config.throttle().burstWindow()), n.responseId());
        if (recent.surveyOfSameId() != null) {
            if (!recent.surveyOfSameId().equals(s.id)) {
                throw new ConflictException("responseId is the id of another response: load the survey again");
            }
            return new Submitted(n.responseId(), true); // received before: the first response stands
        }
        if (anonymous && recent.inWindowForSurvey() >= config.throttle().perDevice()) {
            throttled.increment();
            long wait = java.time.Duration.between(now, recent.oldestInWindow().plus(config.throttle().window()))
                    .toSeconds() + 1;
            throw new TooManyRequestsException("this device has answered this survey " + recent.inWindowForSurvey()
                    + " times recently; try again later", wait);
        }
        if (recent.inBurstWindow() >= config.throttle().burstSize()) {
            flags.add(BURST);
        }
        if (!s.groupWeights.containsKey(n.group())) {
            throw new InvalidInputException("group", "this survey has no questions for " + n.group());
        }
        ResponseScorer.Outcome outcome = ResponseScorer.score(s.questions, n.group(), n.answers());
        if (!outcome.accepted()) {
            List<Problem.Violation> v = new ArrayList<>();
            outcome.problems().forEach(p -> v.add(new Problem.Violation(p.field(), p.message())));
            throw new InvalidInputException(v);
        }
        UUID batch = anonymous ? null : tokens.consume(s, n.token());
        if (n.durationMs() != null && n.durationMs() < 1000) {
            flags.add(TOO_FAST);
        }
        List<BigDecimal> scores = outcome.answerScores();
        if (scores.size() >= 5 && scores.stream().distinct().count() == 1) {
            flags.add(STRAIGHT_LINING);
        }
        SurveyResponse r = new SurveyResponse();
        r.id = n.responseId() == null ? UUID.randomUUID() : n.responseId();
        r.surveyId = s.id;
        r.subjectCode = s.subjectCode;
        r.period = s.period;
        r.respondent = n.group();
        r.channel = n.channel() == null ? Channel.WEB : n.channel();
        r.fingerprint = device;
        r.tokenBatch = batch;
        r.durationMs = n.durationMs();
        r.score = outcome.score().map(x -> x.setScale(10, java.math.RoundingMode.HALF_UP)).orElse(null);
        r.status = flags.isEmpty() ? SurveyResponse.Status.COUNTED : SurveyResponse.Status.HELD;
        r.flags = List.copyOf(flags);
        r.answers = n.answers().stream().map(a -> a.text() == null
                ? a
                : new ResponseScorer.Answer(a.question(), a.value(), a.choice(), a.choices(),
                        PersonalData.mask(a.text())))
                .toList();
        r.submittedAt = now;
        if (!responses.insert(r, r.status == SurveyResponse.Status.COUNTED && r.score != null, version)) {
            throw new ConflictException("this survey was changed or closed while the response was being sent: load"
                    + " it again");
        }
        return new Submitted(r.id, false);
    }

    /** SHA-256 of salt ‖ address ‖ user agent: lets us throttle a device without ever storing its address. */
    String fingerprint(String address, String userAgent) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(config.fingerprintSalt().getBytes(StandardCharsets.UTF_8));
            md.update((address == null ? "" : address).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update((userAgent == null ? "" : userAgent).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
