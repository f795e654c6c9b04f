package com.acme.crm.schema;

import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * Where the database schema stands compared with the migrations this build ships. Only this build's own migrations
 * decide whether it may serve: a failed migration of a newer release (which this build does not ship) leaves it ready,
 * so that the release serving traffic outlives a failed rollout and a rollback needs no repair first.
 *
 * @param currentVersion
 *        the newest version applied to the database, "none" for an empty one
 * @param expectedVersion
 *        the newest versioned migration this build ships
 * @param pending
 *        how many shipped migrations the database lacks
 * @param failedVersions
 *        the migrations of this build that are recorded as failed
 * @param failedNewerVersions
 *        failed migrations that this build does not ship: a newer release's
 */
public record SchemaState(String currentVersion, String expectedVersion, int pending, List<String> failedVersions,
        List<String> failedNewerVersions) {

    public static SchemaState of(MigrationInfoService info) {
        MigrationInfo current = info.current();
        MigrationInfo[] all = info.all();
        String expected = Arrays.stream(all).filter(m -> m.getVersion() != null && m.getState().isResolved())
                .map(m -> m.getVersion().getVersion()).reduce((a, b) -> b).orElse("none");
        return new SchemaState(
                current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion(), expected,
                info.pending().length, failed(all, true), failed(all, false));
    }

    private static List<String> failed(MigrationInfo[] all, boolean shippedByThisBuild) {
        return Arrays.stream(all).filter(m -> m.getState().isFailed())
                .filter(m -> m.getState().isResolved() == shippedByThisBuild)
                .map(m -> m.getVersion() == null ? m.getDescription() : m.getVersion().getVersion()).toList();
    }

    public boolean isReady() {
        return pending == 0 && failedVersions.isEmpty();
    }

    /** A failed migration of this build: the next step for an operator. */
    public String failureAdvice() {
        return ("migration %s of this build is recorded as failed (schema at version %s). Read the migrate log, fix"
                + " the cause, run 'repair' then 'migrate' with this build; or roll back to the previous release")
                .formatted(String.join(", ", failedVersions), currentVersion);
    }
}
