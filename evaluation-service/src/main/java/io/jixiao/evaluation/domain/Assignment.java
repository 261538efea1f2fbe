package io.jixiao.evaluation.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Evaluator X rates subject Y for party P in cycle C: the object-level permission to rate. */
@Entity
@Table(name = "assignment")
public class Assignment {

    @Id
    public UUID id;

    @Column(name = "cycle_id", nullable = false)
    public UUID cycleId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RatingParty party;

    /** The JWT subject (SUPERIOR), the department code (PEER) or the assessor organization (THIRD_PARTY). */
    @Column(nullable = false)
    public String evaluator;

    @Column(name = "subject_code", nullable = false)
    public String subjectCode;

    protected Assignment() {
    }

    public Assignment(UUID cycleId, RatingParty party, String evaluator, String subjectCode) {
        if (party == RatingParty.SELF) {
            throw new IllegalArgumentException("self ratings need no assignment");
        }
        if (party == RatingParty.PEER && evaluator.equals(subjectCode)) {
            throw new IllegalArgumentException("a department cannot rate itself as a peer");
        }
        this.id = UUID.randomUUID();
        this.cycleId = cycleId;
        this.party = party;
        this.evaluator = evaluator;
        this.subjectCode = subjectCode;
    }
}
