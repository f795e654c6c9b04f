package com.acme.crm.readiness;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.Flyway;

import com.acme.crm.schema.SchemaState;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * The schema state of the database as last seen, refreshed in the background on a connection of Flyway's own. The
 * readiness probe reads it without waiting, so that a busy connection pool or a slow database never makes it time out.
 */
@ApplicationScoped
public class SchemaStatus {

    /** One look at the database: its schema state, or why there is none. */
    public record Observation(SchemaState state, String problem, Instant at) {
    }

    private final Flyway flyway;
    private final ReadinessConfig config;
    private volatile Observation last;

    SchemaStatus(Flyway flyway, ReadinessConfig config) {
        this.flyway = flyway;
        this.config = config;
    }

    @Scheduled(every = "${crm.readiness.refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        Observation previous = last;
        try {
            SchemaState state = SchemaState.of(flyway.info());
            logChanges(previous == null ? null : previous.state(), state);
            last = new Observation(state, null, Instant.now());
        } catch (RuntimeException e) {
            if (previous == null || previous.problem() == null) {
                Log.warnf("Cannot read the schema history, not ready until it can: %s", e.getMessage());
            }
            last = new Observation(null, "the schema history cannot be read (see the log)", Instant.now());
        }
    }

    /** @return the last observation; a stale or missing one comes with the problem it means */
    public Observation current() {
        Observation seen = last;
        if (seen == null) {
            return new Observation(null, "the schema has not been checked yet", Instant.now());
        }
        Duration age = Duration.between(seen.at(), Instant.now());
        if (age.compareTo(config.refreshInterval().multipliedBy(3)) > 0) {
            return new Observation(null, "the schema was last checked %d s ago".formatted(age.toSeconds()), seen.at());
        }
        return seen;
    }

    private static void logChanges(SchemaState before, SchemaState now) {
        List<String> failedBefore = before == null ? List.of() : before.failedNewerVersions();
        if (!now.failedNewerVersions().isEmpty() && !now.failedNewerVersions().equals(failedBefore)) {
            Log.warnf("The history records a failed migration %s of a newer release. This build (up to %s) does not"
                    + " ship it and keeps serving", now.failedNewerVersions(), now.expectedVersion());
        }
        if (!now.failedVersions().isEmpty() && (before == null || before.failedVersions().isEmpty())) {
            Log.errorf("Not ready: %s", now.failureAdvice());
        }
    }
}
