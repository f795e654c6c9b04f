package com.acme.crm.contacts;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.acme.crm.openapi.ApiDefinition;

import io.quarkus.logging.Log;

/**
 * The contacts REST API. Reading needs a token with the scope contacts:read, writing one with contacts:write; every write
 * is logged with the token's subject (never with the contact's personal data). Every change of an existing contact (PUT,
 * DELETE) must name the version it is based on in If-Match, so that no client overwrites a change it has not seen.
 */
@Path("/api/contacts")
@Tag(name = "Contacts")
@SecurityRequirement(name = ApiDefinition.BEARER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactResource {

    static final String READ = "contacts:read";
    static final String WRITE = "contacts:write";

    private static final String ID = "[1-9][0-9]{0,17}";
    private static final String ID_MESSAGE = "must be a positive number";
    private static final String PAGE = "\\d{1,7}";
    private static final String PAGE_MESSAGE = "must be a whole number from 0 to 9999999";
    private static final String SIZE = "[1-9]|[1-9][0-9]|100";
    private static final String SIZE_MESSAGE = "must be a whole number from 1 to 100";
    private static final String TEXT = "[^\\p{Cc}\\p{Cs}]*";
    private static final String TEXT_MESSAGE = "must not contain control characters";

    /**
     * Numbers in the query are taken as text and checked by pattern: JAX-RS answers 404 to a query parameter that does
     * not convert, and a malformed parameter is the client's mistake (400).
     */
    private final JsonWebToken token;

    ContactResource(JsonWebToken token) {
        this.token = token;
    }

    @GET
    @RolesAllowed(READ)
    public ContactPage list(@QueryParam("page") @DefaultValue("0") @Pattern(regexp = PAGE, message = PAGE_MESSAGE) String page,
            @QueryParam("size") @DefaultValue("20") @Pattern(regexp = SIZE, message = SIZE_MESSAGE) String size,
            @QueryParam("q") @Size(max = 200) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String q,
            @QueryParam("sort") @DefaultValue("id") @Pattern(regexp = ContactSort.PATTERN, message = ContactSort.MESSAGE) String sort,
            @Parameter(description = "The next of the previous page: this page starts right after it (keyset pagination, as fast"
                    + " deep in the list as at its start); needs the same sort, and no page") @QueryParam("after") @Size(max = 600) @Pattern(regexp = ContactCursor.PATTERN, message = ContactCursor.MESSAGE) String after) {
        int pageIndex = Integer.parseInt(page);
        ContactSort order = ContactSort.parse(sort);
        ContactListing listing = new ContactListing(q, order, Integer.parseInt(size));
        if (after == null) {
            return listing.page(pageIndex);
        }
        if (pageIndex != 0) {
            throw new BadRequestException("Ask for a page by number (page) or after a cursor (after), not both");
        }
        return listing.after(ContactCursor.decode(after, order));
    }

    @GET
    @Path("{id}")
    @RolesAllowed(READ)
    @APIResponseSchema(value = ContactResponse.class, responseCode = "200", responseDescription = "The contact; ETag holds its version")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id) {
        Contact contact = find(id);
        return Response.ok(ContactResponse.from(contact)).tag(etagOf(contact)).build();
    }

    @POST
    @Transactional
    @RolesAllowed(WRITE)
    @APIResponseSchema(value = ContactResponse.class, responseCode = "201", responseDescription = "Created: Location names it, ETag holds its version")
    @APIResponse(responseCode = "409", ref = "EmailTaken")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    public Response create(@NotNull(message = "a JSON body is required") @Valid ContactRequest request,
            @Context UriInfo uriInfo) {
        Contact contact = new Contact();
        request.applyTo(contact);
        contact.persistAndFlush();
        Log.infof("%s created contact %d", token.getSubject(), contact.id);
        URI location = uriInfo.getAbsolutePathBuilder().path(String.valueOf(contact.id)).build();
        return Response.created(location).tag(etagOf(contact)).entity(ContactResponse.from(contact)).build();
    }

    @PUT
    @Path("{id}")
    @Transactional
    @RolesAllowed(WRITE)
    @APIResponseSchema(value = ContactResponse.class, responseCode = "200", responseDescription = "Replaced; ETag holds the new version")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "EmailTaken")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response replace(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull(message = "a JSON body is required") @Valid ContactRequest request) {
        Contact contact = find(id);
        IfMatch.require(ifMatch, contact);
        request.applyTo(contact);
        contact.persistAndFlush();
        Log.infof("%s replaced contact %d, now version %d", token.getSubject(), contact.id, contact.version);
        return Response.ok(ContactResponse.from(contact)).tag(etagOf(contact)).build();
    }

    @DELETE
    @Path("{id}")
    @Transactional
    @RolesAllowed(WRITE)
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "428", ref = "PreconditionRequired")
    public Response delete(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Contact contact = find(id);
        IfMatch.require(ifMatch, contact);
        contact.delete();
        Contact.flush();
        Log.infof("%s deleted contact %d", token.getSubject(), contact.id);
        return Response.noContent().build();
    }

    private static Contact find(String id) {
        return Contact.<Contact> findByIdOptional(Long.valueOf(id))
                .orElseThrow(() -> new NotFoundException("No contact with id " + id));
    }

    private static EntityTag etagOf(Contact contact) {
        return new EntityTag(Long.toString(contact.version));
    }
}
