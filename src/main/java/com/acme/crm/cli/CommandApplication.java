package com.acme.crm.cli;

import com.acme.crm.schema.SchemaStatus;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

/** Runs the command of the command line once Quarkus has started, and returns its exit code. */
public class CommandApplication implements QuarkusApplication {

    /** Set by {@link CrmMain} before Quarkus starts; dev mode and tests start Quarkus without it, to serve. */
    private static volatile Invocation invocation = Invocation.SERVE;

    private final SchemaCommands commands;
    private final SchemaStatus schemaStatus;

    CommandApplication(SchemaCommands commands, SchemaStatus schemaStatus) {
        this.commands = commands;
        this.schemaStatus = schemaStatus;
    }

    static void use(Invocation parsed) {
        invocation = parsed;
    }

    @Override
    public int run(String... args) {
        if (invocation.command() == Command.SERVE) {
            // The first look at the schema now, rather than at the scheduler's first tick up to a second later:
            // readiness waits for it.
            schemaStatus.refresh();
            Quarkus.waitForExit();
            return ExitCode.OK.code;
        }
        try {
            return commands.run(invocation).code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Log.errorf("%s was interrupted", invocation.command().word);
            return ExitCode.UNEXPECTED.code;
        } catch (Exception e) {
            // Not a start failure (exit 6): the command itself broke, which is a bug to report.
            Log.errorf(e, "%s failed unexpectedly", invocation.command().word);
            return ExitCode.UNEXPECTED.code;
        }
    }
}
