package io.jixiao.kit.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingItsMillisecond() {
        long now = System.currentTimeMillis();
        UUID id = EventIds.of(now, new SplittableRandom(7));
        assertEquals(7, id.version());
        assertEquals(2, id.variant(), "the RFC's variant, bits 10");
        assertEquals(now, EventIds.millis(id));
        UUID made = EventIds.next();
        assertEquals(7, made.version());
        assertTrue(Math.abs(EventIds.millis(made) - System.currentTimeMillis()) < 60_000);
    }

    @Test
    void laterIdsSortLaterTheWayPostgresqlComparesThem() {
        // PostgreSQL orders uuids byte by byte, unsigned: the same order as their text
        SplittableRandom random = new SplittableRandom(11);
        List<String> ids = new ArrayList<>();
        for (long ms = 1_700_000_000_000L; ms < 1_700_000_000_000L + 5_000; ms += 7) {
            ids.add(EventIds.of(ms, random).toString());
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(sorted, ids);
    }

    @Test
    void idsMadeAtOnceByManyThreadsAreAllDifferent() throws Exception {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Set<UUID>>> parts = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                parts.add(pool.submit(() -> {
                    Set<UUID> mine = new HashSet<>();
                    for (int i = 0; i < 50_000; i++) {
                        mine.add(EventIds.next());
                    }
                    return mine;
                }));
            }
            for (Future<Set<UUID>> part : parts) {
                Set<UUID> mine = part.get();
                assertEquals(50_000, mine.size());
                seen.addAll(mine);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200_000, seen.size());
    }
}
