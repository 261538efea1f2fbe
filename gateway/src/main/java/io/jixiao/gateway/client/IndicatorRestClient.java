package io.jixiao.gateway.client;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

@Path("/api/v1")
@RegisterRestClient(configKey = "indicator")
interface IndicatorRestClient {

    @GET
    @Path("/subjects")
    Uni<JsonNode> subjectsNamed(@QueryParam("code") List<String> codes, @QueryParam("size") int size,
            @HeaderParam("Authorization") String auth, @HeaderParam("X-Request-Id") String rid);

    @GET
    @Path("/subjects/{code}")
    Uni<JsonNode> subject(@PathParam("code") String code, @HeaderParam("Authorization") String auth,
            @HeaderParam("X-Request-Id") String rid);

    @GET
    @Path("/periods")
    Uni<JsonNode> periods(@HeaderParam("Authorization") String auth, @HeaderParam("X-Request-Id") String rid);

    @GET
    @Path("/scorecards/{period}/league")
    Uni<JsonNode> league(@PathParam("period") String period, @QueryParam("size") int size,
            @HeaderParam("Authorization") String auth, @HeaderParam("X-Request-Id") String rid);

    @GET
    @Path("/subjects/{code}/scorecards/{period}")
    Uni<JsonNode> scorecard(@PathParam("code") String code, @PathParam("period") String period,
            @HeaderParam("Authorization") String auth, @HeaderParam("X-Request-Id") String rid);

    @GET
    @Path("/subjects/{code}/scorecards/{period}/revisions")
    Uni<JsonNode> revisions(@PathParam("code") String code, @PathParam("period") String period,
            @QueryParam("size") int size, @HeaderParam("Authorization") String auth,
            @HeaderParam("X-Request-Id") String rid);
}
