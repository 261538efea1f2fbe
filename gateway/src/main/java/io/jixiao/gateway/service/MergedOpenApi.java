package io.jixiao.gateway.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.jixiao.gateway.config.GatewayConfig;
import io.jixiao.gateway.domain.OpenApiMerger;

/**
 * The suite's one OpenAPI document: each service's own ({@code /q/openapi}) and the gateway's, merged, with the
 * responses' recorded examples (resource {@code openapi/examples.json}), kept for a minute. A service that does not
 * answer is listed as missing rather than failing the document (and the document is then not kept, so the next call
 * tries again).
 */
@ApplicationScoped
public class MergedOpenApi {

    private static final Logger LOG = Logger.getLogger(MergedOpenApi.class);
    private static final long KEEP_NANOS = Duration.ofMinutes(1).toNanos();

    private final GatewayConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final JsonNode examples;
    private volatile ObjectNode merged;
    private volatile long mergedAt;

    public MergedOpenApi(GatewayConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.examples = recordedExamples(json);
    }

    /** The responses' examples, recorded by the system tests (an empty set if the file is not there). */
    static JsonNode recordedExamples(ObjectMapper json) {
        try (InputStream in = MergedOpenApi.class.getResourceAsStream("/openapi/examples.json")) {
            return in == null ? json.createObjectNode() : json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("openapi/examples.json is not JSON", e);
        }
    }

    /** The merged document; {@code self} is the gateway's own base URL (its own portal and demo-issuer paths). */
    public ObjectNode document(String self) {
        ObjectNode m = merged;
        if (m != null && System.nanoTime() - mergedAt < KEEP_NANOS) {
            return m;
        }
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("indicator", config.services().indicator());
        sources.put("evaluation", config.services().evaluation());
        sources.put("survey", config.services().survey());
        sources.put("budget", config.services().budget());
        sources.put("gateway", self);
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        sources.forEach((service, base) -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                        .timeout(Duration.ofSeconds(5)).header("Accept", "application/json").build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("status " + r.statusCode());
                }
                docs.put(service, json.readTree(r.body()));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warnf("OpenAPI of %s unavailable: %s", service, e.toString());
                missing.add(service);
            }
        });
        ObjectNode doc = OpenApiMerger.withExamples(OpenApiMerger.merge(docs, missing), examples);
        if (missing.isEmpty()) {
            merged = doc;
            mergedAt = System.nanoTime();
        }
        return doc;
    }
}
