package com.acme.crm.readiness;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import com.acme.crm.schema.SchemaState;

/**
 * Ready only when the database holds every migration this build ships, and none of them failed. Newer migrations than
 * this build knows are fine, failed ones included: they belong to a newer release (expand, migrate, contract), and the
 * release that is serving keeps serving. The output names versions only: database errors go to the log.
 */
@Readiness
@ApplicationScoped
public class SchemaReadinessCheck implements HealthCheck {

    private final SchemaStatus status;

    SchemaReadinessCheck(SchemaStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Database schema");
        SchemaStatus.Observation seen = status.current();
        if (seen.state() == null) {
            return response.down().withData("problem", seen.problem()).build();
        }
        SchemaState state = seen.state();
        response.status(state.isReady()).withData("currentVersion", state.currentVersion())
                .withData("expectedVersion", state.expectedVersion()).withData("pendingMigrations", state.pending())
                .withData("failedMigrations", state.failedVersions().size())
                .withData("checkedAt", seen.at().toString());
        if (!state.failedVersions().isEmpty()) {
            response.withData("failedVersions", String.join(",", state.failedVersions()));
        }
        if (!state.failedNewerVersions().isEmpty()) {
            response.withData("failedNewerMigrations", String.join(",", state.failedNewerVersions()));
        }
        return response.build();
    }
}
