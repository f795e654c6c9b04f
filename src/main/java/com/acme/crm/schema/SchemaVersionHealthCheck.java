package com.acme.crm.schema;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

/**
 * Ready only when the database holds every migration this build ships. Newer migrations than this build knows are fine:
 * they only add things (expand, migrate, contract), so an older release keeps serving.
 */
@Readiness
@ApplicationScoped
public class SchemaVersionHealthCheck implements HealthCheck {

    private final Flyway flyway;

    SchemaVersionHealthCheck(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Database schema");
        try {
            SchemaState state = SchemaState.of(flyway.info());
            return response.status(state.isReady()).withData("currentVersion", state.currentVersion())
                    .withData("expectedVersion", state.expectedVersion()).withData("pendingMigrations", state.pending())
                    .withData("failedMigrations", state.failed()).build();
        } catch (RuntimeException e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
