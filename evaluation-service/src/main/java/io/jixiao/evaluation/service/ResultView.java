package io.jixiao.evaluation.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jixiao.evaluation.domain.composite.CompositeCalculator;
import io.jixiao.evaluation.domain.composite.Grade;
import io.jixiao.evaluation.domain.composite.Party;
import io.jixiao.kit.web.Decimals;

/**
 * A subject's result as the API shows it and as it is frozen at finalization: every party score with how it was made,
 * which ratings counted and which were trimmed, and the events that fed it.
 */
public record ResultView(String subject, @Schema(nullable = true) BigDecimal composite,
        @Schema(nullable = true) BigDecimal shownComposite, BigDecimal coverage,
        @Schema(nullable = true) Grade grade, @Schema(nullable = true) Grade uncappedGrade,
        @Schema(nullable = true) String light, @Schema(nullable = true) Integer rank, Set<String> flags,
        List<PartyView> parties,
        ResultService.Provenance provenance, List<RatingView> ratings, boolean provisional) {

    public record PartyView(Party party, BigDecimal weight, @Schema(nullable = true) BigDecimal score,
            @Schema(nullable = true) BigDecimal shownScore, boolean present,
            String note, List<String> countedRatings, List<String> trimmedRatings,
            @Schema(nullable = true) BigDecimal ratingsMean,
            @Schema(nullable = true) BigDecimal ratingsStdDev, boolean dispersed) {
    }

    public record RatingView(UUID id, String party, String evaluator, BigDecimal value) {
    }

    public static ResultView of(ResultService.Explained e, io.jixiao.evaluation.domain.Cycle cycle) {
        CompositeCalculator.Result r = e.result();
        List<PartyView> parties = r.parties().values().stream().map(p -> {
            var s = p.ratings();
            return new PartyView(p.party(), Decimals.stored(p.weight()), Decimals.stored(p.score()), shown(p.score()),
                    p.present(), p.note(), s == null ? List.of() : s.counted(), s == null ? List.of() : s.trimmed(),
                    s == null ? null : Decimals.stored(s.mean()), s == null ? null : Decimals.stored(s.stdDev()),
                    s != null && s.dispersed());
        }).toList();
        List<RatingView> ratings = e.ratings().stream()
                .map(x -> new RatingView(x.id(), x.party().name(), x.evaluator(), Decimals.stored(x.value()))).toList();
        return new ResultView(r.subject(), Decimals.stored(r.composite()), shown(r.composite()),
                Decimals.stored(r.coverage()),
                r.grade(), r.uncappedGrade(), cycle.lightOf(r.composite()), e.rank(), r.flags(), parties,
                e.provenance(), ratings, e.provisional());
    }

    public ResultView frozen() {
        return new ResultView(subject, composite, shownComposite, coverage, grade, uncappedGrade, light, rank, flags,
                parties, provenance, ratings, false);
    }

    public String toJson(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ResultView parse(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, ResultView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored result not readable", e);
        }
    }

    private static BigDecimal shown(BigDecimal x) {
        return x == null ? null : x.setScale(2, RoundingMode.HALF_UP);
    }
}
