package io.jixiao.kit.web;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * A list's where-clause with its named parameters, built from the filters a request gave: {@link #eq} adds a filter
 * only when its value is there, so {@code ?subject=} left out means "every subject". Ends in one {@link #page}.
 */
public final class Where {

    private final StringBuilder clause = new StringBuilder("1 = 1");
    private final Parameters params = new Parameters();

    private Where() {
    }

    /** No condition yet: every row. */
    public static Where all() {
        return new Where();
    }

    /** {@code field = :field} when the value is not null; nothing otherwise. */
    public Where eq(String field, Object valueOrNull) {
        if (valueOrNull != null) {
            clause.append(" and ").append(field).append(" = :").append(field);
            params.and(field, valueOrNull);
        }
        return this;
    }

    /** A condition of its own, with its parameters as name, value, name, value, ... */
    public Where and(String condition, Object... namesAndValues) {
        clause.append(" and (").append(condition).append(')');
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.and((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return this;
    }

    /** {@link #and} when {@code applies}. */
    public Where andIf(boolean applies, String condition, Object... namesAndValues) {
        return applies ? and(condition, namesAndValues) : this;
    }

    /** One page of the matching rows in the given order, with their total. */
    public <E> Paged<E> page(PanacheRepositoryBase<E, ?> repository, Sort sort, PageRequest page) {
        var query = repository.find(clause.toString(), sort, params);
        return Paged.of(query.page(page.page(), page.size()).list(), page, query.count());
    }
}
