package io.jixiao.kit.web;

import io.jixiao.kit.problem.ProblemException.InvalidInputException;

/** Validated paging parameters: {@code page} 0-based, {@code size} 1..100, default 20. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 100;

    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        if (p < 0) {
            throw new InvalidInputException("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new InvalidInputException("size", "must be between 1 and " + MAX_SIZE);
        }
        // the offset (page × size) is an int for JPA and for lists: past it, page 2147483647 became a negative offset
        // and a 500 from the database
        if ((long) p * s > Integer.MAX_VALUE) {
            throw new InvalidInputException("page", "must be at most " + Integer.MAX_VALUE / s + " at size " + s);
        }
        return new PageRequest(p, s);
    }

    public int offset() {
        return page * size;
    }
}
