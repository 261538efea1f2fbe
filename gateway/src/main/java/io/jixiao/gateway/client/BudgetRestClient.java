package io.jixiao.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

@Path("/api/v1/budget/views")
@RegisterRestClient(configKey = "budget")
interface BudgetRestClient {

    @GET
    @Path("/departments/{code}")
    Uni<JsonNode> department(@PathParam("code") String code, @QueryParam("year") int year,
            @HeaderParam("Authorization") String auth, @HeaderParam("X-Request-Id") String rid);

    @GET
    @Path("/warnings")
    Uni<JsonNode> warnings(@QueryParam("year") int year, @QueryParam("size") int size,
            @HeaderParam("Authorization") String auth, @HeaderParam("X-Request-Id") String rid);
}
