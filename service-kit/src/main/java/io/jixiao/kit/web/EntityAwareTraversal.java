package io.jixiao.kit.web;

import java.lang.annotation.ElementType;

import jakarta.inject.Singleton;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.spi.LoadState;
import jakarta.persistence.spi.ProviderUtil;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;

import org.hibernate.proxy.HibernateProxy;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;

/**
 * Which properties Bean Validation may read. With Hibernate ORM present, the default asks ORM, for every property of
 * every object validated, whether it is loaded, and caches each answer for the validation. That protects entities
 * from lazy loading, but request bodies are plain records: a bulk request of 10,000 rows spent more time in those
 * questions and their cache than in its constraints. Here only entities (and ORM proxies) are asked, the same way
 * Quarkus asks, and the cache is off; everything else is always reachable, which is what ORM answers for them too.
 */
@Singleton
public class EntityAwareTraversal implements ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        configuration.traversableResolver(new Resolver()).enableTraversableResolverResultCache(false);
    }

    /** Reachable unless the owner is an entity whose property is not loaded; every reachable property cascades. */
    public static final class Resolver implements TraversableResolver {

        private static final ClassValue<Boolean> MAPPED = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                    if (c.isAnnotationPresent(Entity.class) || c.isAnnotationPresent(Embeddable.class)
                            || c.isAnnotationPresent(MappedSuperclass.class)) {
                        return true;
                    }
                }
                return HibernateProxy.class.isAssignableFrom(type);
            }
        };

        private final ProviderUtil orm;

        public Resolver() {
            this(new io.quarkus.hibernate.orm.runtime.ProviderUtil());
        }

        Resolver(ProviderUtil orm) {
            this.orm = orm;
        }

        @Override
        public boolean isReachable(Object owner, Path.Node property, Class<?> rootType, Path pathToOwner,
                ElementType elementType) {
            return owner == null || property.getName() == null || !MAPPED.get(owner.getClass())
                    || loaded(owner, property.getName());
        }

        private boolean loaded(Object entity, String attribute) {
            LoadState state = orm.isLoadedWithoutReference(entity, attribute);
            return state == LoadState.UNKNOWN
                    ? orm.isLoadedWithReference(entity, attribute) != LoadState.NOT_LOADED
                    : state == LoadState.LOADED;
        }

        @Override
        public boolean isCascadable(Object owner, Path.Node property, Class<?> rootType, Path pathToOwner,
                ElementType elementType) {
            return true;
        }
    }
}
