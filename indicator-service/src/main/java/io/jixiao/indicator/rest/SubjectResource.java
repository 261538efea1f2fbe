package io.jixiao.indicator.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.jboss.resteasy.reactive.RestResponse;

import io.jixiao.indicator.domain.Subject;
import io.jixiao.indicator.domain.SubjectLevel;
import io.jixiao.indicator.service.SubjectService;
import io.jixiao.kit.problem.ProblemException.InvalidInputException;
import io.jixiao.kit.period.Period;
import io.jixiao.kit.problem.ProblemException.ResourceNotFoundException;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.IfMatch;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.PlausibleDate;

@Path("/api/v1/subjects")
@Tag(name = "Subjects", description = "Departments and their hierarchy")
public class SubjectResource {

    public record CreateSubjectRequest(
            @NotBlank @Size(max = 32) @Pattern(regexp = "^[A-Z][A-Z0-9_-]*$", message = "must be an upper-case code") String code,
            @NotBlank @Size(max = 200) String nameZh,
            @Size(max = 200) String nameEn,
            @Size(max = 32) String parentCode,
            @NotNull SubjectLevel level,
            @PlausibleDate LocalDate activeFrom,
            @PlausibleDate LocalDate activeTo) {

        Subject toEntity() {
            return new Subject(code, nameZh, nameEn, parentCode, level, activeFrom, activeTo);
        }
    }

    /** A subject as it is from now on: everything but its code, which other records refer to. */
    public record ReviseSubjectRequest(@NotBlank @Size(max = 200) String nameZh, @Size(max = 200) String nameEn,
            @Size(max = 32) String parentCode, @NotNull SubjectLevel level, @PlausibleDate LocalDate activeFrom,
            @PlausibleDate LocalDate activeTo) {
    }

    public record SubjectResponse(String code, String nameZh, @Schema(nullable = true) String nameEn,
            @Schema(nullable = true) String parentCode,
            SubjectLevel level,
            @Schema(nullable = true) LocalDate activeFrom, @Schema(nullable = true) LocalDate activeTo) {
        static SubjectResponse from(Subject s) {
            return new SubjectResponse(s.code, s.nameZh, s.nameEn, s.parentCode, s.level, s.activeFrom, s.activeTo);
        }
    }

    private final SubjectService service;

    public SubjectResource(SubjectService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed(CurrentUser.ADMIN)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "unit", summary = "A school under the education bureau", value = ApiExamples.SUBJECT)))
    @APIResponse(responseCode = "201", description = "The subject, registered; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubjectResponse.class)))
    public Response register(@Valid @NotNull CreateSubjectRequest request) {
        checkPeriod(request.activeFrom(), request.activeTo());
        Subject s = service.register(request.toEntity());
        return Response.created(URI.create("/api/v1/subjects/" + s.code)).entity(SubjectResponse.from(s))
                .tag(String.valueOf(s.version)).build();
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(summary = "Replaces a subject's names, parent, level and active period (a reorganisation), and publishes"
            + " subject.changed; with If-Match, only if the subject is still at that version (412 otherwise)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "closed", summary = "A unit merged into another at the end of 2026", value = ApiExamples.SUBJECT_REVISION)))
    public RestResponse<SubjectResponse> revise(@PathParam("code") String code,
            @HeaderParam(IfMatch.HEADER) String ifMatch, @Valid @NotNull ReviseSubjectRequest request) {
        checkPeriod(request.activeFrom(), request.activeTo());
        Subject s = service.revise(code, IfMatch.version(ifMatch), new SubjectService.Revision(request.nameZh(),
                request.nameEn(), request.parentCode(), request.level(), request.activeFrom(), request.activeTo()));
        return RestResponse.ResponseBuilder.ok(SubjectResponse.from(s)).tag(String.valueOf(s.version)).build();
    }

    /** How many subjects a republish put on the topic. */
    public record Republished(int published) {
    }

    @POST
    @Path("/republish")
    @RolesAllowed(CurrentUser.ADMIN)
    @Operation(summary = "Publishes every subject as it is now (subject.changed), so that the other services' copies"
            + " catch up: after a restore from backup, or when a service is deployed after the topic's retention dropped"
            + " the registrations. Delivered through the outbox; the consumers apply it as an upsert")
    @APIResponse(responseCode = "202", description = "The events are stored for delivery", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Republished.class)))
    public RestResponse<Republished> republish() {
        return RestResponse.accepted(new Republished(service.republishAll()));
    }

    private static void checkPeriod(LocalDate activeFrom, LocalDate activeTo) {
        if (activeFrom != null && activeTo != null && activeTo.isBefore(activeFrom)) {
            throw new InvalidInputException("activeTo", "must not be before activeFrom");
        }
    }

    /**
     * The subjects by code, narrowed when asked to a level, the children of a parent, those active for at least part
     * of a period (the subjects a period's scorecards, cycles and surveys may concern), and named ones.
     */
    @GET
    @RolesAllowed(CurrentUser.ANY_ROLE)
    @Operation(summary = "The subjects by code, in pages; narrowed by level, parent, the period they are active in, or"
            + " to the codes named (?code=FIN&code=EDU, at most 100: the names a page of some other list needs)")
    public Paged<SubjectResponse> list(@QueryParam("level") SubjectLevel level,
            @QueryParam("parent") @Size(max = 32) String parent,
            @QueryParam("activeIn") @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String activeIn,
            @QueryParam("code") @Size(max = PageRequest.MAX_SIZE, message = "names at most {max} codes") List<@Size(max = 32) @Pattern(regexp = "^[A-Z][A-Z0-9_-]*$", message = "must be an upper-case code") String> code,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(level, parent, activeIn, code, PageRequest.of(page, size)).map(SubjectResponse::from);
    }

    @GET
    @Path("/{code}")
    @RolesAllowed(CurrentUser.ANY_ROLE)
    @Operation(summary = "A subject, with its version as ETag (send it back as If-Match when you revise it)")
    public RestResponse<SubjectResponse> get(@PathParam("code") String code) {
        Subject s = service.find(code).orElseThrow(() -> new ResourceNotFoundException("subject", code));
        return RestResponse.ResponseBuilder.ok(SubjectResponse.from(s)).tag(String.valueOf(s.version)).build();
    }
}
