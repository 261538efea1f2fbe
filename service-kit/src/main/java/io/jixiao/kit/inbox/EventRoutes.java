package io.jixiao.kit.inbox;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Typed dispatch of consumed events: each event type is bound to the consumer's own copy of its payload record and a
 * handler. Types nobody is bound to are acknowledged and ignored (a producer may add types without breaking consumers).
 */
public final class EventRoutes {

    private record Route<T>(Class<T> payloadType, BiConsumer<EventEnvelope, T> handler) {
        void invoke(EventEnvelope env, ObjectMapper mapper) {
            T payload;
            try {
                payload = mapper.readValue(env.payload(), payloadType);
            } catch (JsonProcessingException e) {
                throw new PoisonEventException("payload of " + env.type() + " " + env.id() + " does not match "
                        + payloadType.getSimpleName() + ": " + e.getOriginalMessage(), e);
            }
            handler.accept(env, payload);
        }
    }

    private final Map<String, Route<?>> routes = new HashMap<>();

    public <T> EventRoutes on(String type, Class<T> payloadType, BiConsumer<EventEnvelope, T> handler) {
        routes.put(type, new Route<>(payloadType, handler));
        return this;
    }

    public boolean handles(String type) {
        return routes.containsKey(type);
    }

    /** @return whether a handler ran */
    boolean dispatch(EventEnvelope env, ObjectMapper mapper) {
        Optional<Route<?>> route = Optional.ofNullable(routes.get(env.type()));
        route.ifPresent(r -> r.invoke(env, mapper));
        return route.isPresent();
    }
}
