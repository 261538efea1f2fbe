package io.jixiao.survey.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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

import io.jixiao.kit.period.Period;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.Decimals;
import io.jixiao.kit.web.IfMatch;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;
import io.jixiao.kit.web.PlausibleDate;
import io.jixiao.survey.domain.Access;
import io.jixiao.survey.domain.Survey;
import io.jixiao.survey.domain.SurveyStatus;
import io.jixiao.survey.domain.index.Question;
import io.jixiao.survey.domain.index.QuestionType;
import io.jixiao.survey.domain.index.RespondentGroup;
import io.jixiao.survey.service.SurveyService;

@Path("/api/v1/surveys")
@Tag(name = "Surveys", description = "Satisfaction surveys by respondent group")
public class SurveyResource {

    public record CreateSurveyRequest(
            @NotBlank @Size(max = 32) String subject,
            @NotBlank @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period,
            @NotBlank @Size(max = 200) String titleZh,
            @Size(max = 200) String titleEn,
            Access access,
            @NotEmpty Map<@NotNull RespondentGroup, @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") @Digits(integer = 3, fraction = 4, message = Decimals.DIGITS) BigDecimal> groupWeights,
            @NotEmpty @Size(max = 100) List<@Valid @NotNull QuestionRequest> questions,
            @Size(max = 200) String serviceItem,
            @PlausibleDate OffsetDateTime opensAt,
            @PlausibleDate OffsetDateTime closesAt) {
    }

    /** A revision: texts, service item and schedule always; weights and questions only while it has no responses. */
    public record UpdateSurveyRequest(
            @NotBlank @Size(max = 200) String titleZh,
            @Size(max = 200) String titleEn,
            @Size(max = 200) String serviceItem,
            @PlausibleDate OffsetDateTime opensAt,
            @PlausibleDate OffsetDateTime closesAt,
            @NotEmpty Map<@NotNull RespondentGroup, @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") @Digits(integer = 3, fraction = 4, message = Decimals.DIGITS) BigDecimal> groupWeights,
            @NotEmpty @Size(max = 100) List<@Valid @NotNull QuestionRequest> questions) {
    }

    public record QuestionRequest(
            @NotBlank @Size(max = 32) @Pattern(regexp = "^[A-Za-z0-9_-]+$", message = "letters, digits, _ or -") String code,
            @NotNull RespondentGroup group,
            @NotNull QuestionType type,
            @NotBlank @Size(max = 500) String textZh,
            @Size(max = 500) String textEn,
            boolean required,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") @Digits(integer = 3, fraction = 4, message = Decimals.DIGITS) BigDecimal weight,
            @Size(max = 20) List<@Valid @NotNull OptionRequest> options) {
        Question toQuestion() {
            return new Question(code, group, type, textZh, textEn, required, weight, options == null
                    ? null
                    : options.stream().map(o -> new Question.Option(o.code(), o.labelZh(), o.labelEn(), o.points()))
                            .toList());
        }
    }

    public record OptionRequest(@NotBlank @Size(max = 32) String code, @NotBlank @Size(max = 200) String labelZh,
            @Size(max = 200) String labelEn,
            @Schema(nullable = true) @Digits(integer = 3, fraction = 4, message = Decimals.DIGITS) BigDecimal points) {
    }

    public record SurveyResponse(UUID id, String subject, String period, @Schema(nullable = true) String serviceItem,
            String titleZh,
            @Schema(nullable = true) String titleEn, SurveyStatus status, Access access,
            @Schema(nullable = true) OffsetDateTime opensAt, @Schema(nullable = true) OffsetDateTime closesAt,
            Map<RespondentGroup, BigDecimal> groupWeights, List<Question> questions, OffsetDateTime createdAt,
            @Schema(nullable = true) OffsetDateTime openedAt, @Schema(nullable = true) OffsetDateTime closedAt,
            String publicPath, long version) {
        static SurveyResponse from(Survey s) {
            return new SurveyResponse(s.id, s.subjectCode, s.period, s.serviceItem, s.titleZh, s.titleEn, s.status,
                    s.access, s.opensAt, s.closesAt, s.groupWeights, s.questions, s.createdAt, s.openedAt,
                    s.closedAt, "/s/" + s.id, s.version);
        }
    }

    private final SurveyService service;
    private final CurrentUser caller;

    public SurveyResource(SurveyService service, CurrentUser caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(CurrentUser.ADMIN)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "public survey", summary = "Two respondent groups, four question types", value = ApiExamples.SURVEY)))
    @APIResponse(responseCode = "201", description = "The survey, created as DRAFT; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyResponse.class)))
    public Response create(@Valid @NotNull CreateSurveyRequest r) {
        Survey s = service.create(new SurveyService.NewSurvey(r.subject(), r.period(), r.titleZh(), r.titleEn(),
                r.access(), r.groupWeights(), r.questions().stream().map(QuestionRequest::toQuestion).toList(),
                r.serviceItem(), r.opensAt(), r.closesAt()));
        return Response.created(URI.create("/api/v1/surveys/" + s.id)).entity(SurveyResponse.from(s))
                .tag(String.valueOf(s.version)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(CurrentUser.ADMIN)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "revision", summary = "New titles, the scored questions unchanged", value = ApiExamples.SURVEY_REVISION)))
    @APIResponse(responseCode = "200", description = "The survey as revised, with its new version as ETag", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyResponse.class)))
    public Response revise(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull UpdateSurveyRequest r) {
        Survey s = service.revise(id, IfMatch.version(ifMatch), new SurveyService.Revision(r.titleZh(), r.titleEn(),
                r.serviceItem(), r.opensAt(), r.closesAt(), r.groupWeights(),
                r.questions().stream().map(QuestionRequest::toQuestion).toList()));
        return Response.ok(SurveyResponse.from(s)).tag(String.valueOf(s.version)).build();
    }

    /**
     * The surveys, newest first, narrowed by subject, period and status when given. A department sees the surveys of
     * its own subject only: without {@code subject} those, and with another subject's code a 403.
     */
    @GET
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.SYSTEM, CurrentUser.DEPARTMENT})
    public Paged<SurveyResponse> list(@QueryParam("subject") @Size(max = 32) String subject,
            @QueryParam("period") @Pattern(regexp = Period.PATTERN, message = Period.MESSAGE) String period,
            @QueryParam("status") SurveyStatus status, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return service.list(new SurveyService.Filter(subject, period, status), caller, PageRequest.of(page, size))
                .map(SurveyResponse::from);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SUPERIOR, CurrentUser.SYSTEM, CurrentUser.DEPARTMENT})
    @Operation(summary = "A survey, with its version as ETag (send it back as If-Match when you revise it); a department reads its own subject's surveys only")
    public RestResponse<SurveyResponse> get(@PathParam("id") UUID id) {
        Survey s = service.get(id);
        caller.requireOwnIfDepartment(s.subjectCode, "surveys");
        return RestResponse.ResponseBuilder.ok(SurveyResponse.from(s)).tag(String.valueOf(s.version)).build();
    }

    @POST
    @Path("/{id}/open")
    @RolesAllowed(CurrentUser.ADMIN)
    public SurveyResponse open(@PathParam("id") UUID id) {
        return SurveyResponse.from(service.open(id));
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed(CurrentUser.ADMIN)
    public SurveyResponse close(@PathParam("id") UUID id) {
        return SurveyResponse.from(service.close(id));
    }
}
