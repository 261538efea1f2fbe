package io.jixiao.indicator.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.indicator.domain.Mission;
import io.jixiao.indicator.domain.StrategicObjective;
import io.jixiao.indicator.domain.scoring.Dimension;
import io.jixiao.indicator.service.StrategyService;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.security.CurrentUser;

@Path("/api/v1")
@Tag(name = "Strategy", description = "Mission → strategic objectives (five dimensions, cause and effect) → indicators")
public class StrategyResource {

    public record CreateMissionRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Z][A-Z0-9_.-]*$", message = "must be an upper-case code") String code,
            @NotBlank @Size(max = 200) String nameZh, @Size(max = 200) String nameEn,
            @Size(max = 2000) String statement) {
    }

    public record MissionResponse(String code, String nameZh, @Schema(nullable = true) String nameEn,
            @Schema(nullable = true) String statement,
            long version) {
        static MissionResponse from(Mission m) {
            return new MissionResponse(m.code, m.nameZh, m.nameEn, m.statement, m.version);
        }
    }

    public record CreateObjectiveRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "^[A-Z][A-Z0-9_.-]*$", message = "must be an upper-case code") String code,
            @NotBlank @Size(max = 64) String mission, @NotNull Dimension dimension,
            @NotBlank @Size(max = 200) String nameZh, @Size(max = 200) String nameEn,
            @Size(max = 20) List<@NotBlank String> causes) {
    }

    public record ObjectiveResponse(String code, String mission, Dimension dimension, String nameZh,
            @Schema(nullable = true) String nameEn,
            List<String> causes, long version) {
        static ObjectiveResponse from(StrategicObjective o) {
            return new ObjectiveResponse(o.code, o.missionCode, o.dimension, o.nameZh, o.nameEn,
                    o.causes.stream().sorted().toList(), o.version);
        }
    }

    private final StrategyService service;

    public StrategyResource(StrategyService service) {
        this.service = service;
    }

    @POST
    @Path("/missions")
    @RolesAllowed(CurrentUser.ADMIN)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "mission", summary = "The city government's mission", value = ApiExamples.MISSION)))
    @APIResponse(responseCode = "201", description = "The mission, defined", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MissionResponse.class)))
    public Response defineMission(@Valid @NotNull CreateMissionRequest r) {
        Mission m = new Mission();
        m.code = r.code();
        m.nameZh = r.nameZh();
        m.nameEn = r.nameEn();
        m.statement = r.statement();
        service.defineMission(m);
        return Response.created(URI.create("/api/v1/missions/" + m.code)).entity(MissionResponse.from(m)).build();
    }

    @GET
    @Path("/missions")
    @RolesAllowed(CurrentUser.ANY_ROLE)
    public List<MissionResponse> missions() {
        return service.missions().stream().map(MissionResponse::from).toList();
    }

    @GET
    @Path("/missions/{code}/tree")
    @RolesAllowed(CurrentUser.ANY_ROLE)
    @Operation(summary = "The cascade as a tree: dimensions top-down, their objectives and the indicators measuring them")
    public StrategyService.Tree tree(@PathParam("code") String code) {
        return service.tree(code);
    }

    @GET
    @Path("/missions/{code}/graph")
    @RolesAllowed(CurrentUser.ANY_ROLE)
    @Operation(summary = "The strategy map as nodes and edges (CAUSES, SERVES, MEASURES), levels for drawing it")
    public StrategyService.Graph graph(@PathParam("code") String code) {
        return service.graph(code);
    }

    @POST
    @Path("/objectives")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(summary = "A strategic objective of a mission; its causes must lie lower on the strategy map")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "process", summary = "A PROCESS objective of the mission", value = ApiExamples.PROCESS_OBJECTIVE),
            @ExampleObject(name = "public", summary = "A PUBLIC objective that the PROCESS one causes", value = ApiExamples.OBJECTIVE)}))
    @APIResponse(responseCode = "201", description = "The objective, defined", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ObjectiveResponse.class)))
    public Response defineObjective(@Valid @NotNull CreateObjectiveRequest r) {
        StrategicObjective o = service.defineObjective(new StrategyService.NewObjective(r.code(), r.mission(),
                r.dimension(), r.nameZh(), r.nameEn(), r.causes()));
        return Response.created(URI.create("/api/v1/objectives?mission=" + o.missionCode))
                .entity(ObjectiveResponse.from(o)).build();
    }

    @GET
    @Path("/objectives")
    @RolesAllowed(CurrentUser.ANY_ROLE)
    public List<ObjectiveResponse> objectives(@QueryParam("mission") String mission) {
        if (mission == null || mission.isBlank()) {
            throw new InvalidInputException("mission", "must name the mission");
        }
        return service.objectives(mission).stream().map(ObjectiveResponse::from).toList();
    }
}
