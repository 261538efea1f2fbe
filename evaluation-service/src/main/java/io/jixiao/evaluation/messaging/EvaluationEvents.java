package io.jixiao.evaluation.messaging;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The payloads this service publishes (DESIGN section 7); samples in {@code docs/events/}. */
public final class EvaluationEvents {

    public static final String RATING_SUBMITTED = "jixiao.evaluation.rating.submitted.v1";
    public static final String RESULT_FINALIZED = "jixiao.evaluation.result.finalized.v1";
    public static final String RESULT_AMENDED = "jixiao.evaluation.result.amended.v1";

    private EvaluationEvents() {
    }

    public record RatingSubmitted(UUID cycle, String subject, String party, String evaluator, BigDecimal value,
            String ledgerHash, boolean replaced) {
    }

    /** The same result fields as {@code result.finalized}, plus the appeal that amended it. */
    public record ResultAmended(UUID cycle, String period, String subject, Map<String, BigDecimal> partyScores,
            @Schema(nullable = true) BigDecimal composite, BigDecimal coverage, @Schema(nullable = true) String grade,
            @Schema(nullable = true) Integer rank, List<String> flags, UUID appeal) {
    }

    public record ResultFinalized(UUID cycle, String period, String subject, Map<String, BigDecimal> partyScores,
            @Schema(nullable = true) BigDecimal composite, BigDecimal coverage, @Schema(nullable = true) String grade,
            @Schema(nullable = true) Integer rank, List<String> flags) {
    }
}
