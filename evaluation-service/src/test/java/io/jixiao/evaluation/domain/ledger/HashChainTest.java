package io.jixiao.evaluation.domain.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HashChainTest {

    static List<HashChain.Link> chain(int n) {
        List<HashChain.Link> links = new ArrayList<>();
        String prev = HashChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            String content = Canonical.json(Map.of("n", i, "value", new BigDecimal("80.50")));
            String hash = HashChain.hash(prev, content);
            links.add(new HashChain.Link(i, prev, content, hash));
            prev = hash;
        }
        return links;
    }

    @Test
    void anIntactChainVerifies() {
        HashChain.Verdict v = HashChain.verify(chain(5));
        assertTrue(v.valid());
        assertEquals(5, v.checked());
    }

    @Test
    void theFirstTamperedLinkIsReported() {
        List<HashChain.Link> links = chain(5);
        HashChain.Link third = links.get(2);
        links.set(2, new HashChain.Link(third.seq(), third.previousHash(), third.content().replace("80.5", "99"),
                third.hash()));
        HashChain.Verdict v = HashChain.verify(links);
        assertFalse(v.valid());
        assertEquals(3L, v.firstBrokenSeq());
        assertEquals(2, v.checked());
    }

    @Test
    void aRemovedLinkBreaksTheChain() {
        List<HashChain.Link> links = chain(4);
        links.remove(1);
        assertEquals(3L, HashChain.verify(links).firstBrokenSeq());
    }

    @Test
    void canonicalJsonSortsKeysAndNormalizesNumbers() {
        assertEquals("{\"a\":80,\"b\":{\"x\":1,\"y\":0.5}}",
                Canonical.json(Map.of("b", Map.of("y", new BigDecimal("0.50"), "x", 1), "a", new BigDecimal("8E+1"))));
        assertEquals(64, HashChain.hash(HashChain.GENESIS, "{}").length());
    }
}
