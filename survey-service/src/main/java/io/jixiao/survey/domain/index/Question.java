package io.jixiao.survey.domain.index;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A question of a survey, for one respondent group.
 *
 * @param weight its weight in the response score (default 1); unscored types ignore it
 * @param options for choice types: codes with optional explicit points
 */
public record Question(String code, RespondentGroup group, QuestionType type, String textZh,
        @Schema(nullable = true) String textEn,
        boolean required, @Schema(nullable = true) BigDecimal weight, @Schema(nullable = true) List<Option> options) {

    public record Option(String code, String labelZh, @Schema(nullable = true) String labelEn,
            @Schema(nullable = true) BigDecimal points) {
    }

    /** The five levels of the good/bad review (好差评) scale. */
    public static final List<Option> GOOD_BAD_LEVELS = List.of(
            new Option("VERY_SATISFIED", "非常满意", "Very satisfied", BigDecimal.valueOf(100)),
            new Option("SATISFIED", "满意", "Satisfied", BigDecimal.valueOf(80)),
            new Option("BASIC", "基本满意", "Basically satisfied", BigDecimal.valueOf(60)),
            new Option("UNSATISFIED", "不满意", "Unsatisfied", BigDecimal.valueOf(30)),
            new Option("VERY_UNSATISFIED", "非常不满意", "Very unsatisfied", BigDecimal.ZERO));

    public boolean scored() {
        return switch (type) {
            case LIKERT5, GOOD_BAD5, NPS -> true;
            case SINGLE_CHOICE -> options != null && options.stream().anyMatch(o -> o.points() != null);
            case MULTIPLE_CHOICE, TEXT -> false;
        };
    }

    public List<Option> effectiveOptions() {
        return type == QuestionType.GOOD_BAD5 && (options == null || options.isEmpty())
                ? GOOD_BAD_LEVELS
                : options == null ? List.of() : options;
    }

    public BigDecimal effectiveWeight() {
        return weight == null ? BigDecimal.ONE : weight;
    }
}
