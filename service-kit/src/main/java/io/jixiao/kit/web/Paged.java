package io.jixiao.kit.web;

import java.util.List;
import java.util.function.Function;

/** A page of a list, as DESIGN.md section 8 writes it: {@code {items, page, size, totalItems, totalPages}}. */
public record Paged<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <T> Paged<T> of(List<T> items, PageRequest req, long total) {
        return new Paged<>(items, req.page(), req.size(), total, (int) ((total + req.size() - 1) / req.size()));
    }

    /**
     * The requested page of a whole list already in order (a table that must be ranked in memory before it can be
     * cut), with the list's size as the total; a page past the end is empty.
     */
    public static <T> Paged<T> slice(List<T> all, PageRequest req) {
        int from = Math.min(all.size(), req.offset());
        return of(all.subList(from, Math.min(all.size(), from + req.size())).stream().toList(), req, all.size());
    }

    public <R> Paged<R> map(Function<T, R> f) {
        return new Paged<>(items.stream().map(f).toList(), page, size, totalItems, totalPages);
    }
}
