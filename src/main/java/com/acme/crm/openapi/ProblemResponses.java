package com.acme.crm.openapi;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

import com.acme.crm.problem.Problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Declares every error response of the API once, as a component with a problem+json body. Operations refer to the
 * ones that are theirs ({@code @APIResponse(responseCode = "404", ref = "NotFound")}); those that any operation can
 * answer are added to each of them here.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    private record Response(String name, String status, String description, boolean everyOperation) {
    }

    private static final List<Response> RESPONSES = List.of(
            new Response("BadRequest", "400", "Invalid input: the violations name every bad field", true),
            new Response("Unauthorized", "401",
                    "No bearer token, or one that is not valid (signature, issuer, audience, expiry)", true),
            new Response("Forbidden", "403", "The token lacks the scope: contacts:read to read, contacts:write to write",
                    true),
            new Response("NotFound", "404", "No such contact", false),
            new Response("EmailTaken", "409", "Another contact has this email, in any letter case", false),
            new Response("PreconditionFailed", "412", "If-Match names an older version: read the contact again", false),
            new Response("PayloadTooLarge", "413", "The body is over 64 KiB", false),
            new Response("UnsupportedMediaType", "415", "The body is not JSON", false),
            new Response("PreconditionRequired", "428",
                    "If-Match is missing or '*': send the ETag the contact's GET returned", false),
            new Response("InternalError", "500", "Unexpected error, with a correlation id found in the server log", true),
            new Response("Unavailable", "503",
                    "The database is busy or unavailable: retry after the seconds in Retry-After", true));

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() != null) {
            RESPONSES.stream().filter(Response::everyOperation)
                    .filter(response -> !operation.getResponses().hasAPIResponse(response.status()))
                    .forEach(response -> operation.getResponses().addAPIResponse(response.status(),
                            OASFactory.createAPIResponse().ref(response.name())));
        }
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        for (Response response : RESPONSES) {
            components.addResponse(response.name(), OASFactory.createAPIResponse().description(response.description())
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE_NAME, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("Problem")))));
        }
    }
}
