package io.jixiao.evaluation.domain.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The rating ledger's chain: hash = SHA-256(previous hash ‖ canonical JSON of the rating), hex, genesis 64 zeros. */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);

    /** One link as stored. */
    public record Link(long seq, String previousHash, String content, String hash) {
    }

    /** The verdict of a verification: valid, or the first link that does not hold. */
    public record Verdict(boolean valid, int checked, @Schema(nullable = true) Long firstBrokenSeq,
            @Schema(nullable = true) String reason) {
    }

    private HashChain() {
    }

    public static String hash(String previousHash, String canonicalJson) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(previousHash.getBytes(StandardCharsets.UTF_8));
            md.update(canonicalJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Verdict verify(List<Link> links) {
        Verifier v = new Verifier();
        for (Link l : links) {
            Optional<Verdict> broken = v.next(l);
            if (broken.isPresent()) {
                return broken.get();
            }
        }
        return v.end();
    }

    /** The same check one link at a time, for a chain read from a cursor rather than held in memory. */
    public static final class Verifier {
        private String expectedPrev = GENESIS;
        private int checked;

        /** The verdict if this link does not hold; otherwise empty, and the link counts as checked. */
        public Optional<Verdict> next(Link l) {
            Optional<String> reason = Optional.empty();
            if (!l.previousHash().equals(expectedPrev)) {
                reason = Optional.of("previous hash does not match the hash of the link before");
            } else if (!hash(l.previousHash(), l.content()).equals(l.hash())) {
                reason = Optional.of("hash does not match the content");
            }
            if (reason.isPresent()) {
                return Optional.of(new Verdict(false, checked, l.seq(), reason.get()));
            }
            expectedPrev = l.hash();
            checked++;
            return Optional.empty();
        }

        /** How many links held so far. */
        public int checked() {
            return checked;
        }

        /** The verdict of a chain whose every link held. */
        public Verdict end() {
            return new Verdict(true, checked, null, null);
        }
    }
}
