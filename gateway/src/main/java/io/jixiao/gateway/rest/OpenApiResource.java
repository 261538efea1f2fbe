package io.jixiao.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.gateway.service.MergedOpenApi;
import io.vertx.core.http.HttpServerRequest;

/** The suite's merged OpenAPI document (also the first choice in the gateway's Swagger UI). */
@Path("/openapi.json")
@Tag(name = "API description")
@PermitAll
public class OpenApiResource {

    private final MergedOpenApi merged;
    private final HttpServerRequest request;

    public OpenApiResource(MergedOpenApi merged, HttpServerRequest request) {
        this.merged = merged;
        this.request = request;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One OpenAPI document for every /api/v1 path of the suite, with the problem schema")
    public ObjectNode document() {
        return merged.document("http://127.0.0.1:" + request.localAddress().port());
    }
}
