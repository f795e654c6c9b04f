package com.acme.crm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.BaselineResult;
import org.flywaydb.core.api.output.RepairResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.api.pattern.ValidatePattern;

import com.acme.crm.schema.SchemaState;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The day-2 commands: info, validate, repair, baseline and plan. */
@ApplicationScoped
class InspectCommands {

    /** One row of {@code info}. */
    @RegisterForReflection
    record MigrationRow(String version, String description, String type, String state, Date installedOn,
            Integer executionTimeMs, String script) {

        static MigrationRow of(MigrationInfo m) {
            return new MigrationRow(m.getVersion() == null ? null : m.getVersion().getVersion(), m.getDescription(),
                    m.getType().name(), m.getState().getDisplayName(), m.getInstalledOn(), m.getExecutionTime(),
                    m.getScript());
        }
    }

    /** What {@code info --json} prints. */
    // Serialized with the ObjectMapper directly, which Quarkus cannot see at build time: register it for native.
    @RegisterForReflection
    record SchemaReport(String currentVersion, String expectedVersion, int pending, int failed,
            List<MigrationRow> migrations) {
    }

    private final Flyway flyway;
    private final ObjectMapper json;

    InspectCommands(Flyway flyway, ObjectMapper json) {
        this.flyway = flyway;
        this.json = json;
    }

    ExitCode info(boolean asJson) throws JsonProcessingException {
        MigrationInfoService info = flyway.info();
        SchemaState state = SchemaState.of(info);
        List<MigrationRow> rows = Arrays.stream(info.all()).map(MigrationRow::of).toList();
        if (asJson) {
            System.out.println(json.writeValueAsString(new SchemaReport(state.currentVersion(), state.expectedVersion(),
                    state.pending(), state.failed(), rows)));
            return ExitCode.OK;
        }
        System.out.printf("Current version: %s (this build ships up to %s; %d pending, %d failed)%n%n",
                state.currentVersion(), state.expectedVersion(), state.pending(), state.failed());
        String format = "%-8s %-40s %-8s %-12s %-20s %8s%n";
        System.out.printf(format, "Version", "Description", "Type", "State", "Installed on", "Time ms");
        for (MigrationRow row : rows) {
            System.out.printf(format, orDash(row.version()), row.description(), row.type(), row.state(),
                    row.installedOn() == null ? "-" : row.installedOn().toInstant().toString().substring(0, 19),
                    row.executionTimeMs() == null ? "-" : row.executionTimeMs());
        }
        return ExitCode.OK;
    }

    /**
     * Pending migrations are not a mismatch: {@code validate} may run before {@code migrate}, as a CI or deploy gate.
     * Migrations newer than this build are tolerated as configured (quarkus.flyway.ignore-future-migrations).
     */
    ExitCode validate() {
        ValidatePattern[] ignored = Stream.concat(Arrays.stream(flyway.getConfiguration().getIgnoreMigrationPatterns()),
                Stream.of(ValidatePattern.fromPattern("*:pending"))).toArray(ValidatePattern[]::new);
        ValidateResult result = Flyway.configure().configuration(flyway.getConfiguration())
                .ignoreMigrationPatterns(ignored).load().validateWithResult();
        if (result.validationSuccessful) {
            MigrationInfoService info = flyway.info();
            Log.infof("Validation passed: the %d applied migrations match this build; %d pending",
                    info.applied().length, info.pending().length);
            return ExitCode.OK;
        }
        result.invalidMigrations.forEach(m -> Log.errorf("Invalid migration %s (%s): %s", orDash(m.version), m.filepath,
                m.errorDetails.errorMessage));
        Log.errorf(
                "Validation failed: %d problems. An edited migration must be reverted (never edit an applied"
                        + " one); a failed entry needs 'repair' after its cause is fixed",
                result.invalidMigrations.size());
        return ExitCode.VALIDATION_FAILED;
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

    ExitCode plan() throws IOException {
        MigrationInfo[] pending = flyway.info().pending();
        if (pending.length == 0) {
            System.out.println("-- Nothing pending: the schema holds every migration of this build.");
            return ExitCode.OK;
        }
        for (MigrationInfo migration : pending) {
            System.out.printf("-- Version %s: %s (%s)%n%s%n", migration.getVersion(), migration.getDescription(),
                    migration.getScript(), sqlOf(migration));
        }
        return ExitCode.OK;
    }

    /** Reads a migration from the class path (the build's own) or from disk (a filesystem: location). */
    private static String sqlOf(MigrationInfo migration) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream(migration.getScript())) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        String onDisk = migration.getPhysicalLocation();
        if (onDisk != null && Files.isRegularFile(Path.of(onDisk))) {
            return Files.readString(Path.of(onDisk));
        }
        throw new IOException("Cannot read migration " + migration.getScript() + " (" + onDisk + ")");
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
