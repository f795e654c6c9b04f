package com.acme.crm.cli;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.BaselineResult;
import org.flywaydb.core.api.output.RepairResult;

import io.quarkus.logging.Log;

/** The day-2 commands that write the schema history without migrating: repair and baseline. */
@ApplicationScoped
class HistoryWritingCommands {

    private final Flyway flyway;

    HistoryWritingCommands(Flyway flyway) {
        this.flyway = flyway;
    }

    ExitCode repair() {
        RepairResult result = flyway.repair();
        result.repairActions.forEach(action -> Log.infof("Repair: %s", action));
        Log.infof("Repair done: %d failed entries removed, %d checksums realigned, %d missing marked deleted",
                result.migrationsRemoved.size(), result.migrationsAligned.size(), result.migrationsDeleted.size());
        return ExitCode.OK;
    }

    ExitCode baseline(String version) {
        MigrationInfo current = flyway.info().current();
        if (current != null) {
            Log.errorf(
                    "Baseline at version %s refused: the schema history already records version %s. Baseline is"
                            + " for a schema that was built without Flyway; this one is managed already",
                    version, current.getVersion());
            return ExitCode.VALIDATION_FAILED;
        }
        BaselineResult result = Flyway.configure().configuration(flyway.getConfiguration()).baselineVersion(version)
                .load().baseline();
        Log.infof("Baselined schema at version %s: migrations up to it will not be applied", result.baselineVersion);
        return ExitCode.OK;
    }
}
