package com.acme.crm.problem;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only endpoint that fails the way a bug would, with internals in the exception message. */
@Path("/test/failure")
public class FailingResource {

    static final String SECRET = "select password from internal_users";

    @GET
    public String fail() {
        throw new IllegalStateException(SECRET);
    }
}
