package io.jixiao.survey.rest;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.jixiao.kit.inbox.DeadLetterEndpoints;

/** survey-service's dead-letter topic, for operators: what it parked and why, and applying a record again. */
@Path("/api/v1/ops/survey/dead-letters")
@Tag(name = "Operations", description = "What each service parked on its dead-letter topic, and applying it again")
public class DeadLetterResource extends DeadLetterEndpoints {
}
