package io.jixiao.survey.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.sheets.Sheets;
import io.jixiao.survey.domain.Channel;
import io.jixiao.survey.service.ResponseAdminService.Table;
import io.jixiao.survey.service.TokenService;

/**
 * Single-use invitations. The tokens of a batch are in the answer to its creation and nowhere else (only their hashes
 * are kept): download it as CSV or .xlsx for printing or QR codes, with the link each token opens.
 */
@Path("/api/v1/surveys/{id}/tokens")
@Tag(name = "Invitations", description = "Single-use invitation tokens")
public class SurveyTokenResource {

    public record GenerateRequest(@NotNull @Min(1) @Max(TokenService.MAX_BATCH) Integer count, Channel channel) {
    }

    public record Invitation(String token, String link) {
    }

    public record BatchResponse(UUID batch, UUID survey, @Schema(nullable = true) Channel channel, int count,
            List<Invitation> invitations) {
    }

    private final TokenService tokens;

    public SurveyTokenResource(TokenService tokens) {
        this.tokens = tokens;
    }

    /** A batch of invitations; {@code format=csv|xlsx} downloads it instead of JSON. */
    @POST
    @RolesAllowed(CurrentUser.ADMIN)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "hall", summary = "500 invitations for a service hall (a survey answered by TOKEN)", value = ApiExamples.TOKENS)))
    @APIResponse(responseCode = "201", description = "The batch with its tokens and links (shown once: only their hashes are kept)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResponse.class)))
    @APIResponse(responseCode = "200", description = "The batch for printing, with ?format=csv or ?format=xlsx", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = Sheets.XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response generate(@PathParam("id") UUID id, @QueryParam("format") String format,
            @Valid @NotNull GenerateRequest r) {
        TokenService.Batch b = tokens.generate(id, r.count(), r.channel());
        List<Invitation> invitations = b.tokens().stream()
                .map(t -> new Invitation(t, "/s/" + b.survey() + "?t=" + t)).toList();
        if (format == null || format.equalsIgnoreCase("json")) {
            return Response.status(Response.Status.CREATED).entity(new BatchResponse(b.batchId(), b.survey(),
                    b.channel(), invitations.size(), invitations)).build();
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < invitations.size(); i++) {
            rows.add(List.of(i + 1, invitations.get(i).token(), invitations.get(i).link()));
        }
        return Exports.download(new Table("invitations", List.of("no", "token", "link"), rows), format,
                "invitations-" + b.batchId());
    }

    /** Issued and used invitations per batch (never the tokens). */
    @GET
    @RolesAllowed(CurrentUser.ADMIN)
    public List<TokenService.Usage> usage(@PathParam("id") UUID id) {
        return tokens.usage(id);
    }
}
