package com.acme.crm.cli;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.api.FlywayException;

import io.quarkus.logging.Log;

/** Runs one schema command after making sure the database answers. */
@ApplicationScoped
class SchemaCommands {

    private final DatabaseAwaiter database;
    private final MigrateCommand migrate;
    private final WaitCommand await;
    private final InspectCommands inspect;

    SchemaCommands(DatabaseAwaiter database, MigrateCommand migrate, WaitCommand await, InspectCommands inspect) {
        this.database = database;
        this.migrate = migrate;
        this.await = await;
        this.inspect = inspect;
    }

    ExitCode run(Invocation invocation) throws Exception {
        if (invocation.command() == Command.WAIT) {
            return await.run();
        }
        if (!database.awaitReachable()) {
            return ExitCode.DATABASE_UNREACHABLE;
        }
        try {
            return switch (invocation.command()) {
                case MIGRATE -> migrate.run();
                case INFO -> inspect.info(invocation.json());
                case VALIDATE -> inspect.validate();
                case REPAIR -> inspect.repair();
                case BASELINE -> inspect.baseline(invocation.baselineVersion());
                case PLAN -> inspect.plan();
                case SERVE, WAIT -> throw new IllegalStateException("not a one-shot command: " + invocation.command());
            };
        } catch (FlywayException e) {
            Log.errorf("%s failed: %s", invocation.command().word, e.getMessage());
            return ExitCode.MIGRATION_FAILED;
        }
    }
}
