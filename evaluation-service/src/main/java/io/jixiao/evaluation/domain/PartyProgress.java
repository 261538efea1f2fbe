package io.jixiao.evaluation.domain;

/** How many of a party's assigned ratings of a cycle have been given. */
public record PartyProgress(RatingParty party, long assigned, long rated) {
}
