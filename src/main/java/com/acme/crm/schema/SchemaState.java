package com.acme.crm.schema;

import java.util.Arrays;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;

/**
 * Where the database schema stands compared with the migrations this build ships.
 *
 * @param currentVersion
 *            the newest version applied to the database, "none" for an empty one
 * @param expectedVersion
 *            the newest versioned migration this build ships
 * @param pending
 *            how many shipped migrations the database lacks
 * @param failed
 *            how many applied migrations are recorded as failed
 */
public record SchemaState(String currentVersion, String expectedVersion, int pending, int failed) {

    public static SchemaState of(MigrationInfoService info) {
        MigrationInfo current = info.current();
        String expected = Arrays.stream(info.all())
                .filter(m -> m.getVersion() != null && m.getState() != MigrationState.FUTURE_SUCCESS
                        && m.getState() != MigrationState.FUTURE_FAILED)
                .map(m -> m.getVersion().getVersion()).reduce((a, b) -> b).orElse("none");
        int failed = (int) Arrays.stream(info.all()).filter(m -> m.getState().isFailed()).count();
        return new SchemaState(
                current == null || current.getVersion() == null ? "none" : current.getVersion().getVersion(), expected,
                info.pending().length, failed);
    }

    public boolean isReady() {
        return pending == 0 && failed == 0;
    }
}
