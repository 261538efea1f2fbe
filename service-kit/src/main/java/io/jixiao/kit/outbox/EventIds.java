package io.jixiao.kit.outbox;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Event ids: UUID version 7 (RFC 9562), 48 bits of Unix milliseconds and then 74 random bits. Ids made later sort
 * later, so the outbox's primary-key index takes each new event at its right-hand edge and the relay's marking of a
 * batch touches neighbouring pages. With random (version 4) ids both landed on random pages of an index that holds a
 * week of events: a 10,000-event COPY took 116-160 ms against 64-98 ms with these (scratch cluster, 390,000 events
 * already in the table). Consumers use the id to recognise an event they have seen, so two events must never share
 * one: that needs the same millisecond and the same 74 random bits, about one chance in 10^22 for a pair of events.
 */
public final class EventIds {

    private EventIds() {
    }

    public static UUID next() {
        return of(System.currentTimeMillis(), ThreadLocalRandom.current());
    }

    static UUID of(long unixMillis, RandomGenerator random) {
        long high = (unixMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL); // time, version 7, 12 random bits
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // variant 10, 62 random
        return new UUID(high, low);
    }

    /** The milliseconds an id was made in. */
    static long millis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}
