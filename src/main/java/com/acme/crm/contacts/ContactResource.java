package com.acme.crm.contacts;

import java.net.URI;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.ClientErrorException;
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
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;

/** The contacts REST API; every write is guarded by the contact's version (ETag / If-Match). */
@Path("/api/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactResource {

    private static final String ID = "[1-9][0-9]{0,17}";
    private static final String ID_MESSAGE = "must be a positive number";

    @GET
    public ContactPage list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size,
            @QueryParam("q") @Size(max = 200) String q,
            @QueryParam("sort") @DefaultValue("id") @Pattern(regexp = ContactSort.PATTERN, message = ContactSort.MESSAGE) String sort) {
        PanacheQuery<Contact> query = Contact.search(q, ContactSort.parse(sort)).page(Page.of(page, size));
        long total = query.count();
        return new ContactPage(query.list().stream().map(ContactResponse::from).toList(), page, size, total,
                (int) ((total + size - 1) / size));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id) {
        Contact contact = find(id);
        return Response.ok(ContactResponse.from(contact)).tag(etagOf(contact)).build();
    }

    @POST
    @Transactional
    public Response create(@NotNull(message = "a JSON body is required") @Valid ContactRequest request,
            @Context UriInfo uriInfo) {
        rejectTakenEmail(request.email(), null);
        Contact contact = new Contact();
        request.applyTo(contact);
        contact.persistAndFlush();
        URI location = uriInfo.getAbsolutePathBuilder().path(String.valueOf(contact.id)).build();
        return Response.created(location).tag(etagOf(contact)).entity(ContactResponse.from(contact)).build();
    }

    @PUT
    @Path("{id}")
    @Transactional
    public Response replace(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Context Request httpRequest,
            @NotNull(message = "a JSON body is required") @Valid ContactRequest request) {
        if (ifMatch == null) {
            throw new ClientErrorException("Send the contact's ETag in If-Match; read the contact first to get it",
                    428);
        }
        Contact contact = find(id);
        checkIfMatch(httpRequest, contact);
        rejectTakenEmail(request.email(), contact.id);
        request.applyTo(contact);
        contact.persistAndFlush();
        return Response.ok(ContactResponse.from(contact)).tag(etagOf(contact)).build();
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response delete(@PathParam("id") @Pattern(regexp = ID, message = ID_MESSAGE) String id,
            @Context Request httpRequest) {
        Contact contact = find(id);
        checkIfMatch(httpRequest, contact);
        contact.delete();
        Contact.flush();
        return Response.noContent().build();
    }

    private static Contact find(String id) {
        return Contact.<Contact> findByIdOptional(Long.valueOf(id))
                .orElseThrow(() -> new NotFoundException("No contact with id " + id));
    }

    private static EntityTag etagOf(Contact contact) {
        return new EntityTag(Long.toString(contact.version));
    }

    /** Answers 412 when an If-Match header is present and does not name the current version. */
    private static void checkIfMatch(Request httpRequest, Contact contact) {
        if (httpRequest.evaluatePreconditions(etagOf(contact)) != null) {
            throw new ClientErrorException("The contact has changed since it was read (current ETag \""
                    + contact.version + "\"); read it again", 412);
        }
    }

    private static void rejectTakenEmail(String email, Long ownId) {
        Contact.findByEmail(email).filter(other -> !other.id.equals(ownId)).ifPresent(other -> {
            throw new EmailTakenException();
        });
    }
}
