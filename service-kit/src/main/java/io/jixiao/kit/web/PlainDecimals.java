package io.jixiao.kit.web;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Decimals are written as plain JSON numbers ({@code 90}, {@code 0.0001}), never in Jackson's default scientific form
 * ({@code 9E+1}, {@code 1E-4}) that a {@code BigDecimal} with a negative scale or a small value would get. Both are
 * JSON numbers, but DESIGN section 8's "decimals as JSON numbers" is read by people and by clients that compare text.
 */
@Singleton
public class PlainDecimals implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }
}
