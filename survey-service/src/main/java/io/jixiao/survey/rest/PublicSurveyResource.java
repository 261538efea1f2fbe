package io.jixiao.survey.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.kit.idempotency.IdempotentInterceptor;
import io.jixiao.survey.domain.Channel;
import io.jixiao.survey.domain.Survey;
import io.jixiao.survey.domain.index.Question;
import io.jixiao.survey.domain.index.RespondentGroup;
import io.jixiao.survey.domain.index.ResponseScorer;
import io.jixiao.survey.service.ResponseService;
import io.jixiao.survey.service.SurveyService;
import io.vertx.core.http.HttpServerRequest;

/** Anonymous: the form of an open survey and the submission of a response. Reveals nothing of other respondents. */
@Path("/api/v1/public/surveys/{id}")
@Tag(name = "Public survey", description = "Anonymous access for the public")
@PermitAll
public class PublicSurveyResource {

    public record PublicForm(UUID id, String titleZh, @Schema(nullable = true) String titleEn,
            io.jixiao.survey.domain.Access access,
            List<RespondentGroup> groups, List<Question> questions) {
        static PublicForm from(Survey s) {
            return new PublicForm(s.id, s.titleZh, s.titleEn, s.access, List.copyOf(s.groupWeights.keySet()),
                    s.questions.stream().map(q -> new Question(q.code(), q.group(), q.type(), q.textZh(), q.textEn(),
                            q.required(), null, q.effectiveOptions())).toList());
        }
    }

    public record SubmitRequest(
            @NotNull RespondentGroup group,
            Channel channel,
            @NotEmpty @Size(max = 100) List<@Valid @NotNull AnswerRequest> answers,
            @Min(0) @Max(86_400_000) Long durationMs,
            @Size(max = 64) String token,
            @Schema(description = "Optional: a UUID the page chose when it was loaded. Sent again with the same "
                    + "response (after a lost answer), it gets the first receipt, marked Idempotent-Replayed, and "
                    + "nothing is counted twice") UUID responseId) {
    }

    @Schema(name = "PublicAnswer")
    public record AnswerRequest(
            @NotBlank @Size(max = 32) String question,
            @DecimalMin("-1000") @DecimalMax("1000") BigDecimal value,
            @Size(max = 32) String choice,
            @Size(max = 20) List<@NotBlank @Size(max = 32) String> choices,
            @Size(max = ResponseScorer.MAX_TEXT) String text) {
    }

    public record Receipt(UUID id, String message, Map<String, String> messages) {
    }

    private final SurveyService surveys;
    private final ResponseService responses;

    public PublicSurveyResource(SurveyService surveys, ResponseService responses) {
        this.surveys = surveys;
        this.responses = responses;
    }

    @GET
    public PublicForm form(@PathParam("id") UUID id) {
        return PublicForm.from(surveys.publicForm(id));
    }

    @POST
    @Path("/responses")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "citizen", summary = "A citizen's answers from the web page", value = ApiExamples.RESPONSE)))
    @APIResponse(responseCode = "201", description = "The response, received (or, sent again with the same responseId, the first receipt, marked Idempotent-Replayed)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Receipt.class)))
    public Response submit(@PathParam("id") UUID id, @Valid @NotNull SubmitRequest r,
            @HeaderParam("X-Forwarded-For") String forwardedFor, @HeaderParam("User-Agent") String userAgent,
            @Context HttpServerRequest http) {
        // the gateway appends the address it saw; what came before it is the client's claim and is not trusted
        String address = forwardedFor != null && !forwardedFor.isBlank()
                ? forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).trim()
                : http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        ResponseService.Submitted saved = responses.submit(id, new ResponseService.NewResponse(r.group(), r.channel(),
                r.answers().stream().map(a -> new ResponseScorer.Answer(a.question(), a.value(), a.choice(),
                        a.choices(), a.text())).toList(),
                r.durationMs(), address, userAgent, r.token(), r.responseId()));
        Response.ResponseBuilder b = Response.status(Response.Status.CREATED).entity(new Receipt(saved.id(),
                "感谢您的参与！", Map.of("zh", "感谢您的参与！", "en", "Thank you for taking part!")));
        return (saved.replayed() ? b.header(IdempotentInterceptor.REPLAYED, "true") : b).build();
    }
}
