package com.acme.crm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.api.pattern.ValidatePattern;

import com.acme.crm.schema.SchemaState;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The commands that only read the schema history: info, validate and plan. */
@ApplicationScoped
class ReadOnlyCommands {

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
            List<String> failedNewerVersions, List<MigrationRow> migrations) {
    }

    /** The callback that migrate runs after the migrations (see db/migration). */
    private static final String AFTER_MIGRATE = "db/migration/afterMigrate.sql";

    private final Flyway flyway;
    private final ObjectMapper json;

    ReadOnlyCommands(Flyway flyway, ObjectMapper json) {
        this.flyway = flyway;
        this.json = json;
    }

    ExitCode info(boolean asJson) throws JsonProcessingException {
        MigrationInfoService info = flyway.info();
        SchemaState state = SchemaState.of(info);
        List<MigrationRow> rows = Arrays.stream(info.all()).map(MigrationRow::of).toList();
        if (asJson) {
            System.out.println(json.writeValueAsString(new SchemaReport(state.currentVersion(), state.expectedVersion(),
                    state.pending(), state.failedVersions().size(), state.failedNewerVersions(), rows)));
            return ExitCode.OK;
        }
        System.out.printf("Current version: %s (this build ships up to %s; %d pending, %d failed)%n%n",
                state.currentVersion(), state.expectedVersion(), state.pending(), state.failedVersions().size());
        String format = "%-8s %-40s %-8s %-16s %-20s %8s%n";
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

    /**
     * Prints what migrate would run, as it would run it: placeholders filled in, each file's transaction mode, and the
     * grants that follow the migrations.
     */
    ExitCode plan() throws IOException {
        MigrationInfo[] pending = flyway.info().pending();
        if (pending.length == 0) {
            System.out.println("-- Nothing pending: the schema holds every migration of this build.");
            return ExitCode.OK;
        }
        for (MigrationInfo migration : pending) {
            boolean transactional = read(migration.getScript() + ".conf", migration.getPhysicalLocation() + ".conf")
                    .map(conf -> !conf.replace(" ", "").contains("executeInTransaction=false")).orElse(true);
            System.out.printf("-- Version %s: %s (%s), %s%n%s%n", migration.getVersion(), migration.getDescription(),
                    migration.getScript(), transactional ? "in one transaction" : "outside a transaction",
                    withPlaceholders(sqlOf(migration)));
        }
        read(AFTER_MIGRATE, null).ifPresent(sql -> System.out.printf("-- Then, after the migrations: %s%n%s%n",
                AFTER_MIGRATE, withPlaceholders(sql)));
        return ExitCode.OK;
    }

    private static String sqlOf(MigrationInfo migration) throws IOException {
        return read(migration.getScript(), migration.getPhysicalLocation()).orElseThrow(() -> new IOException(
                "Cannot read migration " + migration.getScript() + " (" + migration.getPhysicalLocation() + ")"));
    }

    /** Reads a resource from the class path (the build's own migrations), else from disk (a filesystem: location). */
    private static Optional<String> read(String resource, String onDisk) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        if (onDisk != null && Files.isRegularFile(Path.of(onDisk))) {
            return Optional.of(Files.readString(Path.of(onDisk)));
        }
        return Optional.empty();
    }

    /** Fills in the placeholders as Flyway does when it runs the script. */
    private String withPlaceholders(String sql) {
        Configuration configuration = flyway.getConfiguration();
        Map<String, String> values = new HashMap<>(configuration.getPlaceholders());
        values.put("flyway:defaultSchema",
                configuration.getDefaultSchema() != null ? configuration.getDefaultSchema() : "public");
        values.put("flyway:table", configuration.getTable());
        String filled = sql;
        for (Map.Entry<String, String> placeholder : values.entrySet()) {
            filled = filled.replace(
                    configuration.getPlaceholderPrefix() + placeholder.getKey() + configuration.getPlaceholderSuffix(),
                    placeholder.getValue());
        }
        return filled;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
