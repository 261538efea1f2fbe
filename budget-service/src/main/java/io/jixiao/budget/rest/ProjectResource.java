package io.jixiao.budget.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.budget.domain.BudgetProject;
import io.jixiao.budget.domain.rules.Category;
import io.jixiao.budget.service.ProjectService;
import io.jixiao.kit.idempotency.Idempotent;
import io.jixiao.kit.idempotency.IdempotentInterceptor;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/budget/projects")
@Tag(name = "Budget projects", description = "Projects with approved amounts, linked to performance indicators")
public class ProjectResource {

    public record CreateProjectRequest(
            @NotBlank @Size(max = 32) String subject,
            @NotNull @Min(2000) @Max(2100) Integer fiscalYear,
            @NotNull Category category,
            @NotBlank @Size(max = 200) String name,
            @NotNull @DecimalMin("0") @DecimalMax("999999999999999.99") @Digits(integer = 16, fraction = 2) BigDecimal approvedAmount,
            @Size(max = 50) List<@NotBlank @Size(max = 64) String> linkedIndicators) {
    }

    public record ProjectResponse(UUID id, String subject, int fiscalYear, Category category, String name,
            BigDecimal approvedAmount, List<String> linkedIndicators, OffsetDateTime createdAt, long version) {
        static ProjectResponse from(BudgetProject p) {
            return new ProjectResponse(p.id, p.subjectCode, p.fiscalYear, p.category, p.name, p.approvedAmount,
                    p.linkedIndicators, p.createdAt, p.version);
        }
    }

    private final ProjectService service;
    private final CurrentUser caller;

    public ProjectResource(ProjectService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    @Idempotent
    @Parameter(name = IdempotentInterceptor.HEADER, in = ParameterIn.HEADER, description = IdempotentInterceptor.DESCRIPTION, schema = @Schema(type = SchemaType.STRING, pattern = IdempotentInterceptor.PATTERN))
    @POST
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN})
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "livelihood project", summary = "A livelihood project linked to an indicator", value = ApiExamples.PROJECT)))
    @APIResponse(responseCode = "201", description = "The project, created; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectResponse.class)))
    public Response create(@Valid @NotNull CreateProjectRequest r) {
        BudgetProject p = service.create(new ProjectService.NewProject(r.subject(), r.fiscalYear(), r.category(),
                r.name(), r.approvedAmount(), r.linkedIndicators()));
        return Response.created(URI.create("/api/v1/budget/projects/" + p.id)).entity(ProjectResponse.from(p)).build();
    }

    @GET
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.DEPARTMENT, CurrentUser.SUPERIOR})
    public Paged<ProjectResponse> list(@QueryParam("year") Integer year, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return service.list(year, PageRequest.of(page, size), caller).map(ProjectResponse::from);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({CurrentUser.FINANCE, CurrentUser.ADMIN, CurrentUser.DEPARTMENT, CurrentUser.SUPERIOR})
    public ProjectResponse get(@PathParam("id") UUID id) {
        return ProjectResponse.from(service.get(id, caller));
    }
}
