package io.jixiao.evaluation.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.kit.idempotency.IdempotencyStore;
import io.jixiao.kit.problem.ProblemException.RuleViolationException;
import io.jixiao.kit.security.CurrentUser;

/** Bulk rating submissions with an Idempotency-Key: the answer is stored with the ratings, in one transaction. */
@ApplicationScoped
public class BulkRatingService {

    /** The answer of a bulk submission, as stored and replayed. */
    public record Report(int submitted, List<Entry> accepted, List<Entry> rejected) {
    }

    public record Entry(int index, String subject, @Schema(nullable = true) UUID rating,
            @Schema(nullable = true) Integer status, @Schema(nullable = true) String reason) {
    }

    private final RatingService ratings;
    private final IdempotencyStore keys;
    private final ObjectMapper mapper;

    public BulkRatingService(RatingService ratings, IdempotencyStore keys, ObjectMapper mapper) {
        this.ratings = ratings;
        this.keys = keys;
        this.mapper = mapper;
    }

    @Transactional
    public Report submit(UUID cycle, String key, String canonicalBody, List<RatingService.NewRating> list,
            CurrentUser caller) {
        String hash = IdempotencyStore.sha256(cycle + "\n" + canonicalBody);
        var stored = keys.find(caller.subject(), key);
        if (stored.isPresent()) {
            if (!stored.get().requestHash().equals(hash)) {
                throw new RuleViolationException("Idempotency-Key",
                        "this Idempotency-Key was used with another request body");
            }
            return read(stored.get().response());
        }
        List<RatingService.BulkOutcome> outcomes = ratings.submitBulk(cycle, list, caller);
        Report report = new Report(list.size(),
                outcomes.stream().filter(o -> o.accepted() != null).map(o -> new Entry(o.index(), o.subject(),
                        o.accepted().rating().id, null, null)).toList(),
                outcomes.stream().filter(o -> o.accepted() == null).map(o -> new Entry(o.index(), o.subject(), null,
                        o.status(), o.reason())).toList());
        keys.save(caller.subject(), key, hash, write(report));
        return report;
    }

    private Report read(String json) {
        try {
            return mapper.readValue(json, Report.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Report r) {
        try {
            return mapper.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
