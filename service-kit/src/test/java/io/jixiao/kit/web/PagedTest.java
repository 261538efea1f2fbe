package io.jixiao.kit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PagedTest {

    private static final List<Integer> FORTY_FIVE = IntStream.rangeClosed(1, 45).boxed().toList();

    @Test
    void aSliceIsThePageOfTheWholeListWithTheListAsItsTotal() {
        assertEquals(
                new Paged<>(List.of(21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40),
                        1, 20, 45, 3),
                Paged.slice(FORTY_FIVE, PageRequest.of(1, null)));
        assertEquals(new Paged<>(List.of(41, 42, 43, 44, 45), 2, 20, 45, 3),
                Paged.slice(FORTY_FIVE, PageRequest.of(2, 20)));
    }

    @Test
    void aSlicePastTheEndOrOfNothingIsEmptyAndStillCounts() {
        assertEquals(new Paged<>(List.of(), 3, 20, 45, 3), Paged.slice(FORTY_FIVE, PageRequest.of(3, 20)));
        assertEquals(new Paged<>(List.of(), 21474836, 100, 45, 1),
                Paged.slice(FORTY_FIVE, PageRequest.of(21474836, 100)));
        assertEquals(new Paged<>(List.<Integer>of(), 0, 20, 0, 0),
                Paged.slice(List.<Integer>of(), PageRequest.of(0, 20)));
    }
}
