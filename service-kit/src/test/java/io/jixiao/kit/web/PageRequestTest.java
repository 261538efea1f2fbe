package io.jixiao.kit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.jixiao.kit.problem.ProblemException.InvalidInputException;

class PageRequestTest {

    @Test
    void defaultsAndBounds() {
        assertEquals(new PageRequest(0, 20), PageRequest.of(null, null));
        assertEquals(40, PageRequest.of(2, 20).offset());
        assertEquals("size: must be between 1 and 100",
                assertThrows(InvalidInputException.class, () -> PageRequest.of(0, 101)).getMessage());
        assertEquals("page: must be 0 or more",
                assertThrows(InvalidInputException.class, () -> PageRequest.of(-1, 10)).getMessage());
    }

    @Test
    void aPageWhoseOffsetDoesNotFitAnIntIsRefusedNotWrappedNegative() {
        int last = Integer.MAX_VALUE / 100;
        assertEquals((long) last * 100, PageRequest.of(last, 100).offset());
        assertEquals("page: must be at most 21474836 at size 100",
                assertThrows(InvalidInputException.class, () -> PageRequest.of(last + 1, 100)).getMessage());
        assertThrows(InvalidInputException.class, () -> PageRequest.of(Integer.MAX_VALUE, 2));
        assertEquals(Integer.MAX_VALUE - 1, PageRequest.of(Integer.MAX_VALUE / 2, 2).offset());
    }
}
