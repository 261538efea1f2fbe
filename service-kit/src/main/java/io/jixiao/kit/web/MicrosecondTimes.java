package io.jixiao.kit.web;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Times are written as PostgreSQL keeps them, to the microsecond. A record is stored with its time rounded to the
 * microsecond (the JDBC driver rounds half up), while the answer to the request that created it was written from
 * the nanoseconds in memory: {@code 01:45:48.751871742Z} in the 201, {@code 01:45:48.751872Z} in every later read. A
 * client comparing the two saw two times. Written here with the same rounding, in REST bodies and events alike.
 */
@Singleton
public class MicrosecondTimes implements ObjectMapperCustomizer {

    /** Applied last: its serializer must come after the Java time module's, which it replaces for this type. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("microsecond-times").addSerializer(OffsetDateTime.class,
                new StdSerializer<>(OffsetDateTime.class) {
                    @Override
                    public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                        gen.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(stored(value)));
                    }
                }));
    }

    /** The time as the PostgreSQL driver stores it: rounded half up to the microsecond. */
    public static OffsetDateTime stored(OffsetDateTime t) {
        return t.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }
}
