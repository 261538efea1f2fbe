package io.jixiao.kit.web;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.runtime.LaunchMode;

/**
 * A property of the services' own JSON (answers and events) is never null unless it says it may be:
 * {@code @Schema(nullable = true)} on the record component, or an {@code Optional}. The published API builds on this:
 * the merged OpenAPI document marks every property of an answer as required and as null only where declared, so the
 * TypeScript types say {@code rank: number} and {@code nameEn: string | null}.
 * <p>
 * This is where the promise is kept. A null written into a property that did not declare it fails the serialization in
 * tests and in dev mode, naming the record and the property, so any test that reaches such an answer or event fails.
 * In production it is written as null and logged once per property as a warning: the document is then wrong, and the
 * answer must still reach its client.
 */
@Singleton
public class DeclaredNulls implements ObjectMapperCustomizer {

    private static final Logger LOG = Logger.getLogger(DeclaredNulls.class);

    private final boolean strict;

    public DeclaredNulls() {
        this(LaunchMode.current().isDevOrTest());
    }

    DeclaredNulls(boolean strict) {
        this.strict = strict;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("jixiao-declared-nulls");
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                    List<BeanPropertyWriter> properties) {
                if (!bean.getBeanClass().getName().startsWith("io.jixiao.")) {
                    return properties;
                }
                for (BeanPropertyWriter p : properties) {
                    if (!p.hasNullSerializer() && !mayBeNull(p)) {
                        p.assignNullSerializer(new Undeclared(bean.getBeanClass().getSimpleName() + "." + p.getName()));
                    }
                }
                return properties;
            }
        });
        mapper.registerModule(module);
    }

    static boolean mayBeNull(BeanPropertyWriter p) {
        if (p.getType().isPrimitive() || p.getType().isTypeOrSubTypeOf(Optional.class)) {
            return true; // a primitive is never null; an empty Optional is the declaration
        }
        Schema schema = p.getAnnotation(Schema.class);
        return schema != null && schema.nullable();
    }

    /** Written in place of a null that its property did not declare. */
    final class Undeclared extends JsonSerializer<Object> {
        private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

        private final String property;

        Undeclared(String property) {
            this.property = property;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            String message = property + " is null, but is not declared nullable (@Schema(nullable = true)): the "
                    + "published API says it never is";
            if (strict) {
                throw JsonMappingException.from(gen, message);
            }
            if (WARNED.add(property)) {
                LOG.warn(message);
            }
            gen.writeNull();
        }
    }
}
