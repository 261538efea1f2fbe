package io.jixiao.kit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.spi.LoadState;
import jakarta.persistence.spi.ProviderUtil;
import jakarta.validation.Path;

import org.junit.jupiter.api.Test;

class EntityAwareTraversalTest {

    record Row(String subject, String period) {
    }

    @Entity
    static class Stored {
        @Id
        Long id;
        String lazyText;
    }

    static class StoredSubclass extends Stored {
    }

    /** An ORM stand-in that answers NOT_LOADED for every attribute and remembers what it was asked. */
    static final class Asked implements ProviderUtil {
        final List<String> questions = new ArrayList<>();

        @Override
        public LoadState isLoadedWithoutReference(Object entity, String attribute) {
            questions.add(entity.getClass().getSimpleName() + "." + attribute);
            return LoadState.NOT_LOADED;
        }

        @Override
        public LoadState isLoadedWithReference(Object entity, String attribute) {
            return LoadState.NOT_LOADED;
        }

        @Override
        public LoadState isLoaded(Object entity) {
            return LoadState.NOT_LOADED;
        }
    }

    static Path.Node node(String name) {
        return (Path.Node) java.lang.reflect.Proxy.newProxyInstance(Path.Node.class.getClassLoader(),
                new Class<?>[]{Path.Node.class}, (proxy, method, args) -> "getName".equals(method.getName())
                        ? name
                        : null);
    }

    @Test
    void plainObjectsAreReachableWithoutAskingOrm() {
        Asked orm = new Asked();
        var resolver = new EntityAwareTraversal.Resolver(orm);
        assertTrue(resolver.isReachable(new Row("S1", "2026-01"), node("subject"), Row.class, null, null));
        assertTrue(resolver.isReachable(List.of(), node("size"), List.class, null, null));
        assertEquals(List.of(), orm.questions);
    }

    @Test
    void entitiesAndTheirSubclassesAskOrmWhetherAnAttributeIsLoaded() {
        Asked orm = new Asked();
        var resolver = new EntityAwareTraversal.Resolver(orm);
        assertFalse(resolver.isReachable(new Stored(), node("lazyText"), Stored.class, null, null));
        assertFalse(resolver.isReachable(new StoredSubclass(), node("lazyText"), Stored.class, null, null));
        assertEquals(List.of("Stored.lazyText", "StoredSubclass.lazyText"), orm.questions);
    }

    @Test
    void theRootAndEveryReachablePropertyCascade() {
        var resolver = new EntityAwareTraversal.Resolver(new Asked());
        assertTrue(resolver.isReachable(null, node("anything"), Row.class, null, null));
        assertTrue(resolver.isCascadable(new Stored(), node("lazyText"), Stored.class, null, null));
    }
}
