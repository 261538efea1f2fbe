package io.jixiao.survey.domain.index;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Checks a response's answers against the survey and scores it: a scored answer x on a scale lo..hi maps to
 * 100·(x − lo)/(hi − lo) unless the option gives explicit points; the response score is the weighted mean of its
 * scored answers (none: the response has no score).
 */
public final class ResponseScorer {

    /** One answer as given: a scale value, a choice, several choices, or text. */
    public record Answer(String question, @Schema(nullable = true) BigDecimal value,
            @Schema(nullable = true) String choice, @Schema(nullable = true) List<String> choices,
            @Schema(nullable = true) String text) {
    }

    public record Problem(String field, String message) {
    }

    /** The score (empty if no scored answer), or the problems that refuse the response. */
    public record Outcome(Optional<BigDecimal> score, List<Problem> problems, List<BigDecimal> answerScores) {
        public boolean accepted() {
            return problems.isEmpty();
        }
    }

    public static final int MAX_TEXT = 2000;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ResponseScorer() {
    }

    public static Outcome score(List<Question> questions, RespondentGroup group, List<Answer> answers) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Question> mine = new java.util.HashMap<>();
        for (Question q : questions) {
            if (q.group() == group) {
                mine.put(q.code(), q);
            }
        }
        Set<String> answered = new HashSet<>();
        BigDecimal num = BigDecimal.ZERO;
        BigDecimal den = BigDecimal.ZERO;
        List<BigDecimal> scores = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            String f = "answers[" + i + "]";
            Question q = mine.get(a.question());
            if (q == null) {
                problems.add(new Problem(f + ".question", "no question '" + a.question() + "' for group " + group));
                continue;
            }
            if (!answered.add(q.code())) {
                problems.add(new Problem(f + ".question", "question " + q.code() + " answered twice"));
                continue;
            }
            BigDecimal s = answerScore(q, a, f, problems);
            if (s != null) {
                scores.add(s);
                num = num.add(s.multiply(q.effectiveWeight()));
                den = den.add(q.effectiveWeight());
            }
        }
        for (Question q : mine.values()) {
            if (q.required() && !answered.contains(q.code())) {
                problems.add(new Problem("answers", "required question " + q.code() + " is not answered"));
            }
        }
        problems.sort(java.util.Comparator.comparing(Problem::field));
        Optional<BigDecimal> score = den.signum() == 0 || !problems.isEmpty()
                ? Optional.empty()
                : Optional.of(num.divide(den, SatisfactionIndex.MC));
        return new Outcome(score, problems, scores);
    }

    private static BigDecimal answerScore(Question q, Answer a, String f, List<Problem> problems) {
        switch (q.type()) {
            case LIKERT5 -> {
                return scale(a.value(), 1, 5, f, problems);
            }
            case NPS -> {
                return scale(a.value(), 0, 10, f, problems);
            }
            case GOOD_BAD5, SINGLE_CHOICE -> {
                Optional<Question.Option> o = q.effectiveOptions().stream().filter(x -> x.code().equals(a.choice()))
                        .findFirst();
                if (o.isEmpty()) {
                    problems.add(new Problem(f + ".choice", "must be one of "
                            + q.effectiveOptions().stream().map(Question.Option::code).toList()));
                    return null;
                }
                return q.scored() ? o.get().points() : null;
            }
            case MULTIPLE_CHOICE -> {
                Set<String> codes = new HashSet<>(q.effectiveOptions().stream().map(Question.Option::code).toList());
                if (a.choices() == null || a.choices().isEmpty() || !codes.containsAll(a.choices())) {
                    problems.add(new Problem(f + ".choices", "must be one or more of " + codes));
                }
                return null;
            }
            case TEXT -> {
                if (a.text() == null || a.text().isBlank()) {
                    problems.add(new Problem(f + ".text", "must not be blank"));
                } else if (a.text().length() > MAX_TEXT) {
                    problems.add(new Problem(f + ".text", "must be at most " + MAX_TEXT + " characters"));
                }
                return null;
            }
            default -> throw new IllegalStateException();
        }
    }

    private static BigDecimal scale(BigDecimal x, int lo, int hi, String f, List<Problem> problems) {
        if (x == null || x.stripTrailingZeros().scale() > 0 || x.compareTo(BigDecimal.valueOf(lo)) < 0
                || x.compareTo(BigDecimal.valueOf(hi)) > 0) {
            problems.add(new Problem(f + ".value", "must be a whole number from " + lo + " to " + hi));
            return null;
        }
        return HUNDRED.multiply(x.subtract(BigDecimal.valueOf(lo))).divide(BigDecimal.valueOf(hi - lo),
                SatisfactionIndex.MC);
    }
}
