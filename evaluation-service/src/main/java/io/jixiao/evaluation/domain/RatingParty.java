package io.jixiao.evaluation.domain;

import io.jixiao.evaluation.domain.composite.Party;

/** Who gives a rating. SELF ratings count inside the PEER party (weighted by σ). */
public enum RatingParty {
    SUPERIOR(Party.SUPERIOR), THIRD_PARTY(Party.THIRD_PARTY), PEER(Party.PEER), SELF(Party.PEER);

    public final Party party;

    RatingParty(Party party) {
        this.party = party;
    }

    /** The rights list key: PEER and SELF judge the same aspect (collaboration). */
    public String rightsKey() {
        return this == SELF ? PEER.name() : name();
    }
}
