package io.jixiao.evaluation.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.jixiao.evaluation.domain.composite.Party;
import io.jixiao.evaluation.domain.composite.Policy;

/** An evaluation cycle: its period, subjects, rules, and the lifecycle DRAFT → OPEN → CLOSED → FINALIZED → PUBLISHED. */
@Entity
@Table(name = "cycle")
public class Cycle {

    /** The rights list (权责清单): which criteria each party may judge. */
    public static Map<String, List<String>> defaultCriteria() {
        return Map.of(RatingParty.SUPERIOR.name(), List.of("STRATEGIC_FIT", "GOAL_ACHIEVEMENT"),
                RatingParty.THIRD_PARTY.name(), List.of("PROFESSIONAL_COMPLIANCE", "SERVICE_QUALITY"),
                RatingParty.PEER.name(), List.of("COLLABORATION", "RESPONSIVENESS"));
    }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String period;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CycleStatus status;

    @Column(name = "w_superior", nullable = false)
    public BigDecimal weightSuperior;

    @Column(name = "w_public", nullable = false)
    public BigDecimal weightPublic;

    @Column(name = "w_third_party", nullable = false)
    public BigDecimal weightThirdParty;

    @Column(name = "w_peer", nullable = false)
    public BigDecimal weightPeer;

    @Column(name = "objective_share", nullable = false)
    public BigDecimal objectiveShare;

    @Column(name = "self_share", nullable = false)
    public BigDecimal selfShare;

    @Enumerated(EnumType.STRING)
    @Column(name = "missing_policy", nullable = false)
    public Policy.MissingPolicy missingPolicy;

    @Column(name = "min_public_sample", nullable = false)
    public int minPublicSample;

    @Column(name = "trim_at_least", nullable = false)
    public int trimAtLeast;

    @Column(name = "appeal_window_days", nullable = false)
    public int appealWindowDays;

    @Column(name = "green_threshold", nullable = false)
    public BigDecimal greenThreshold = BigDecimal.valueOf(90);

    @Column(name = "yellow_threshold", nullable = false)
    public BigDecimal yellowThreshold = BigDecimal.valueOf(60);

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, List<String>> criteria;

    /**
     * Loaded when read, not with the cycle: a province's cycle has a thousand subjects, and a rating needs only to
     * know that its own is one of them (see {@code CycleRepository.includes}).
     */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "cycle_subject", joinColumns = @JoinColumn(name = "cycle_id"))
    @Column(name = "subject_code")
    public Set<String> subjects = new LinkedHashSet<>();

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "opened_at")
    public OffsetDateTime openedAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "finalized_at")
    public OffsetDateTime finalizedAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    @Version
    public long version;

    protected Cycle() {
    }

    /** A new DRAFT cycle; the policy has already checked weights and shares. */
    public Cycle(String name, String period, Set<String> subjects, Policy policy, int appealWindowDays,
            Map<String, List<String>> criteria) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.period = period;
        this.status = CycleStatus.DRAFT;
        this.subjects = new LinkedHashSet<>(subjects);
        this.weightSuperior = policy.weights().get(Party.SUPERIOR);
        this.weightPublic = policy.weights().get(Party.PUBLIC);
        this.weightThirdParty = policy.weights().get(Party.THIRD_PARTY);
        this.weightPeer = policy.weights().get(Party.PEER);
        this.objectiveShare = policy.objectiveShare();
        this.selfShare = policy.selfShare();
        this.missingPolicy = policy.missing();
        this.minPublicSample = policy.minPublicSample();
        this.trimAtLeast = policy.trimAtLeast();
        this.appealWindowDays = appealWindowDays;
        this.criteria = criteria;
        this.createdAt = now();
    }

    public Policy policy() {
        Map<Party, BigDecimal> w = new EnumMap<>(Party.class);
        w.put(Party.SUPERIOR, weightSuperior);
        w.put(Party.PUBLIC, weightPublic);
        w.put(Party.THIRD_PARTY, weightThirdParty);
        w.put(Party.PEER, weightPeer);
        Policy d = Policy.defaults();
        return new Policy(w, objectiveShare, selfShare, missingPolicy, minPublicSample, trimAtLeast,
                d.dispersionLimit(), d.divergenceLimit());
    }

    public void open() {
        require(CycleStatus.DRAFT, "open");
        if (subjects.isEmpty()) {
            throw new LifecycleException("a cycle without subjects cannot be opened");
        }
        status = CycleStatus.OPEN;
        openedAt = now();
    }

    public void close() {
        require(CycleStatus.OPEN, "close");
        status = CycleStatus.CLOSED;
        closedAt = now();
    }

    public void markFinalized() {
        require(CycleStatus.CLOSED, "finalize");
        status = CycleStatus.FINALIZED;
        finalizedAt = now();
    }

    public void publish() {
        require(CycleStatus.FINALIZED, "publish");
        status = CycleStatus.PUBLISHED;
        publishedAt = now();
    }

    /** An appeal is open to a subject of a published cycle until the window closes. */
    public void requireAppealable(OffsetDateTime now) {
        if (status != CycleStatus.PUBLISHED) {
            throw new LifecycleException("results of cycle " + id + " are not published: nothing to appeal yet");
        }
        if (now.isAfter(publishedAt.plusDays(appealWindowDays))) {
            throw new LifecycleException("the appeal window of " + appealWindowDays + " days closed on "
                    + publishedAt.plusDays(appealWindowDays).toLocalDate());
        }
    }

    /** Ratings are accepted, and replaced, only while the cycle is open. */
    public void requireAcceptingRatings() {
        if (status != CycleStatus.OPEN) {
            throw new LifecycleException("cycle " + id + " is " + status + ": ratings are accepted only while OPEN");
        }
    }

    public void requireDraftOrOpen(String action) {
        if (status != CycleStatus.DRAFT && status != CycleStatus.OPEN) {
            throw new LifecycleException("cannot " + action + " a cycle that is " + status);
        }
    }

    /** Sets the result lights' thresholds: GREEN at or above {@code green}, YELLOW at or above {@code yellow}. */
    public void lightThresholds(BigDecimal green, BigDecimal yellow) {
        if (green.compareTo(yellow) < 0) {
            throw new IllegalArgumentException("the green threshold must not be below the yellow one");
        }
        this.greenThreshold = green;
        this.yellowThreshold = yellow;
    }

    /** The light of a composite, decided on its shown value; null without a composite. */
    public String lightOf(BigDecimal composite) {
        if (composite == null) {
            return null;
        }
        BigDecimal shown = composite.setScale(2, java.math.RoundingMode.HALF_UP);
        return shown.compareTo(greenThreshold) >= 0
                ? "GREEN"
                : shown.compareTo(yellowThreshold) >= 0 ? "YELLOW" : "RED";
    }

    /** The criteria a rating party may judge; unknown codes are refused by the caller. */
    public List<String> criteriaFor(RatingParty party) {
        return criteria.getOrDefault(party.rightsKey(), List.of());
    }

    public boolean includes(String subject) {
        return subjects.contains(subject);
    }

    public List<String> subjectList() {
        return new ArrayList<>(subjects);
    }

    private void require(CycleStatus expected, String action) {
        if (status != expected) {
            throw new LifecycleException("cannot " + action + " a cycle that is " + status + " (it must be "
                    + expected + ")");
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
