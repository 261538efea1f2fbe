package io.jixiao.evaluation.domain;

import java.math.BigDecimal;
import java.util.UUID;

/** What results need of a rating: who gave which value to whom (a projection, without the criteria). */
public record RatingRow(UUID id, String subject, RatingParty party, String evaluator, BigDecimal value) {
}
