package com.acme.crm.cli;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.flywaydb.core.api.FlywayException;

import io.quarkus.logging.Log;

/** Runs one schema command after making sure the database answers. */
@ApplicationScoped
class SchemaCommands {

    private final DatabaseAwaiter database;
    private final MigrateCommand migrate;
    private final WaitCommand await;
    private final ReadOnlyCommands reads;
    private final HistoryWritingCommands writes;

    SchemaCommands(DatabaseAwaiter database, MigrateCommand migrate, WaitCommand await, ReadOnlyCommands reads,
            HistoryWritingCommands writes) {
        this.database = database;
        this.migrate = migrate;
        this.await = await;
        this.reads = reads;
        this.writes = writes;
    }

    ExitCode run(Invocation invocation) throws Exception {
        if (invocation.command() == Command.WAIT) {
            return await.run();
        }
        ExitCode reached = database.awaitReachable();
        if (reached != ExitCode.OK) {
            return reached;
        }
        try {
            return switch (invocation.command()) {
                case MIGRATE -> migrate.run();
                case INFO -> reads.info(invocation.json());
                case VALIDATE -> reads.validate();
                case PLAN -> reads.plan();
                case REPAIR -> writes.repair();
                case BASELINE -> writes.baseline(invocation.baselineVersion());
                case SERVE, WAIT -> throw new IllegalStateException("not a one-shot command: " + invocation.command());
            };
        } catch (FlywayException e) {
            Log.errorf("%s failed: %s", invocation.command().word, e.getMessage());
            SQLException cause = SqlErrors.cause(e);
            boolean connectionLost = cause != null && cause.getSQLState() != null
                    && cause.getSQLState().startsWith("08");
            return connectionLost ? ExitCode.DATABASE_UNREACHABLE : ExitCode.UNEXPECTED;
        }
    }
}
