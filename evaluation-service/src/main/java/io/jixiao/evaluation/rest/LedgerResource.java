package io.jixiao.evaluation.rest;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.evaluation.domain.LedgerEntry;
import io.jixiao.evaluation.domain.ledger.HashChain;
import io.jixiao.evaluation.service.LedgerService;
import io.jixiao.kit.security.CurrentUser;
import io.jixiao.kit.web.PageRequest;
import io.jixiao.kit.web.Paged;

@Path("/api/v1/cycles/{id}/ledger")
@Tag(name = "Ledger", description = "The hash-chained rating ledger and its verification")
public class LedgerResource {

    public record EntryResponse(long seq, UUID ratingId, String previousHash, String hash, String content,
            OffsetDateTime createdAt) {
        static EntryResponse from(LedgerEntry e) {
            return new EntryResponse(e.seq, e.ratingId, e.previousHash, e.hash, e.content, e.createdAt);
        }
    }

    private final LedgerService service;

    public LedgerResource(LedgerService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed(CurrentUser.ADMIN)
    public Paged<EntryResponse> entries(@PathParam("id") UUID id, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return service.entries(id, PageRequest.of(page, size)).map(EntryResponse::from);
    }

    @POST
    @Path("/verify")
    @RolesAllowed({CurrentUser.ADMIN, CurrentUser.SYSTEM})
    public HashChain.Verdict verify(@PathParam("id") UUID id) {
        return service.verify(id);
    }
}
