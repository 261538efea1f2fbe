package io.jixiao.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

@Path("/api/v1")
@RegisterRestClient(configKey = "survey")
interface SurveyRestClient {

    @GET
    @Path("/subjects/{code}/satisfaction")
    Uni<JsonNode> satisfaction(@PathParam("code") String code, @QueryParam("period") String period,
            @HeaderParam("Authorization") String auth, @HeaderParam("X-Request-Id") String rid);

    @GET
    @Path("/surveys")
    Uni<JsonNode> surveys(@QueryParam("subject") String subject, @QueryParam("period") String period,
            @QueryParam("size") int size, @HeaderParam("Authorization") String auth,
            @HeaderParam("X-Request-Id") String rid);

    @GET
    @Path("/rectifications")
    Uni<JsonNode> rectifications(@QueryParam("subject") String subject, @QueryParam("overdue") boolean overdue,
            @QueryParam("size") int size, @HeaderParam("Authorization") String auth,
            @HeaderParam("X-Request-Id") String rid);
}
