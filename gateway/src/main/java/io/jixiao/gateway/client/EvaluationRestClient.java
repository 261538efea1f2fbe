package io.jixiao.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/cycles")
@RegisterRestClient(configKey = "evaluation")
interface EvaluationRestClient {

    @GET
    Uni<JsonNode> cycles(@QueryParam("period") String period, @QueryParam("subject") String subject,
            @QueryParam("size") int size, @HeaderParam("Authorization") String auth,
            @HeaderParam("X-Request-Id") String rid);

    @GET
    @Path("/periods")
    Uni<JsonNode> periods(@QueryParam("subject") String subject, @HeaderParam("Authorization") String auth,
            @HeaderParam("X-Request-Id") String rid);

    @GET
    @Path("/{id}/results")
    Uni<JsonNode> results(@PathParam("id") String cycle, @QueryParam("size") int size,
            @HeaderParam("Authorization") String auth, @HeaderParam("X-Request-Id") String rid);

    @GET
    @Path("/{id}/results/{subject}")
    Uni<JsonNode> result(@PathParam("id") String cycle, @PathParam("subject") String subject,
            @HeaderParam("Authorization") String auth, @HeaderParam("X-Request-Id") String rid);
}
