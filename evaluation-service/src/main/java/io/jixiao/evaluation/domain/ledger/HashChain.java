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
        String expectedPrev = GENESIS;
        int checked = 0;
        for (Link l : links) {
            Optional<String> reason = Optional.empty();
            if (!l.previousHash().equals(expectedPrev)) {
                reason = Optional.of("previous hash does not match the hash of the link before");
            } else if (!hash(l.previousHash(), l.content()).equals(l.hash())) {
                reason = Optional.of("hash does not match the content");
            }
            if (reason.isPresent()) {
                return new Verdict(false, checked, l.seq(), reason.get());
            }
            expectedPrev = l.hash();
            checked++;
        }
        return new Verdict(true, checked, null, null);
    }
}
