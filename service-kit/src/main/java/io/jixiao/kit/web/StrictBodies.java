package io.jixiao.kit.web;

import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A request body with a property its operation does not take is refused, naming the property. Ignoring it (Jackson's
 * and Quarkus's default) turned a misspelt field into a silent change of meaning: an indicator sent with
 * {@code appliesTo} instead of {@code subjects} was created for every subject. Only the REST layer reads strictly;
 * events and stored JSON keep the application's lenient mapper, so a producer may add a field without breaking its
 * consumers.
 * <p>
 * A fraction where a whole number is expected is refused too: Jackson's default truncated it, so a zombie scan for
 * {@code "year": 2025.9} ran for 2025 and 2.5 invitation tokens made 2.
 */
@Provider
public class StrictBodies implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    public StrictBodies(ObjectMapper mapper) {
        this.strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
