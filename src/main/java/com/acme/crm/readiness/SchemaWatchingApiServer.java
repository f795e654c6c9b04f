package com.acme.crm.readiness;

import jakarta.enterprise.context.ApplicationScoped;

import com.acme.crm.cli.ApiServer;

import io.quarkus.runtime.Quarkus;

/** Serves with readiness following the schema, from the first moment on. */
@ApplicationScoped
class SchemaWatchingApiServer implements ApiServer {

    private final SchemaStatus schemaStatus;

    SchemaWatchingApiServer(SchemaStatus schemaStatus) {
        this.schemaStatus = schemaStatus;
    }

    @Override
    public void serveUntilStopped() {
        // The first look at the schema now, rather than at the scheduler's first tick up to a second later: readiness
        // waits for it.
        schemaStatus.refresh();
        Quarkus.waitForExit();
    }
}
