package io.jixiao.kit.web;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

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

    /**
     * One page of the matching rows in the given order, with their total, read by one statement ({@code count(*) over
     * ()}): the page and its total see the same rows, however many are written meanwhile. A page past the last one
     * has no row to carry the total, and counts in a statement of its own.
     */
    public <E> Paged<E> page(PanacheRepositoryBase<E, ?> repository, Sort sort, PageRequest page) {
        @SuppressWarnings("unchecked")
        Class<E> entity = (Class<E>) entityOf(repository.getClass());
        return page(repository.getEntityManager(), entity, sort, page);
    }

    /** {@link #page(PanacheRepositoryBase, Sort, PageRequest)} of an entity that has no Panache repository. */
    public <E> Paged<E> page(EntityManager em, Class<E> entity, Sort sort, PageRequest page) {
        String from = " from " + entity.getName() + " e where " + clause;
        StringBuilder hql = new StringBuilder("select e, count(*) over ()").append(from);
        String separator = " order by ";
        for (Sort.Column c : sort.getColumns()) {
            hql.append(separator).append("e.").append(c.getName())
                    .append(c.getDirection() == Sort.Direction.Descending ? " desc" : " asc");
            if (c.getNullPrecedence() != null) {
                hql.append(c.getNullPrecedence() == Sort.NullPrecedence.NULLS_FIRST ? " nulls first" : " nulls last");
            }
            separator = ", ";
        }
        TypedQuery<Object[]> q = em.createQuery(hql.toString(), Object[].class);
        params.map().forEach(q::setParameter);
        List<Object[]> rows = q.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        List<E> items = new ArrayList<>(rows.size());
        long total = 0;
        for (Object[] r : rows) {
            items.add(entity.cast(r[0]));
            total = ((Number) r[1]).longValue();
        }
        if (rows.isEmpty() && page.page() > 0) {
            TypedQuery<Long> count = em.createQuery("select count(*)" + from, Long.class);
            params.map().forEach(count::setParameter);
            total = count.getSingleResult();
        }
        return Paged.of(items, page, total);
    }

    /** The entity a repository keeps: its {@code PanacheRepositoryBase<E, ID>}, found through any proxy subclass. */
    private static Class<?> entityOf(Class<?> repository) {
        for (Class<?> c = repository; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && (p.getRawType() == PanacheRepositoryBase.class
                        || p.getRawType() == io.quarkus.hibernate.orm.panache.PanacheRepository.class)) {
                    return (Class<?>) p.getActualTypeArguments()[0];
                }
            }
        }
        throw new IllegalArgumentException(repository + " is not a PanacheRepositoryBase of an entity");
    }
}
