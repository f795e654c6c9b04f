package com.acme.crm.schema;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Singleton;

/**
 * The end of the time a {@code migrate} may take (CRM_MIGRATION_DEADLINE): no statement runs past it. Without one
 * (migrate-at-start in dev mode) the configured timeouts apply as they are.
 */
@Singleton
public class MigrationDeadline {

    private volatile Instant end;

    public void start(Duration allowed) {
        end = Instant.now().plus(allowed);
    }

    public Duration left() {
        return end == null ? Duration.ofDays(365) : Duration.between(Instant.now(), end);
    }

    /** The timeout, shortened to the time left (at least a second, so that a statement still fails cleanly). */
    public Duration cap(Duration timeout) {
        Duration left = left();
        if (left.compareTo(timeout) >= 0) {
            return timeout;
        }
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }
}
