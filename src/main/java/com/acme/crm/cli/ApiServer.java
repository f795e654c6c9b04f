package com.acme.crm.cli;

/**
 * What {@code serve} does once Quarkus has started the HTTP servers. Only the API build has an implementation: the
 * migrate-only build, which the migrate image ships, leaves the API out and refuses {@code serve}.
 */
public interface ApiServer {

    /** Serves until the application is asked to stop. */
    void serveUntilStopped();
}
