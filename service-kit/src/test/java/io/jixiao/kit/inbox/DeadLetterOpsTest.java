package io.jixiao.kit.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A dead letter's reason names no code: Java types by their simple names only. */
class DeadLetterOpsTest {

    @Test
    void qualifiedTypeNamesBecomeSimpleOnesAndTheRestStays() {
        assertEquals("payload of jixiao.indicator.scorecard.computed.v1 1f0c does not match ScorecardComputed: Cannot"
                + " deserialize value of type `BigDecimal` from String \"high\" (through reference chain:"
                + " ConsumedEvents$ScorecardComputed[\"total\"])",
                DeadLetterOps.plain("payload of jixiao.indicator.scorecard.computed.v1 1f0c does not match"
                        + " ScorecardComputed: Cannot deserialize value of type `java.math.BigDecimal` from String"
                        + " \"high\" (through reference chain:"
                        + " io.jixiao.evaluation.messaging.ConsumedEvents$ScorecardComputed[\"total\"])"));
        assertEquals("subject event 5d2e without code or name",
                DeadLetterOps.plain("subject event 5d2e without code or name"));
        assertNull(DeadLetterOps.plain(null));
    }
}
