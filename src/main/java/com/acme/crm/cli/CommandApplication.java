package com.acme.crm.cli;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

/** Runs the command of the command line once Quarkus has started, and returns its exit code. */
public class CommandApplication implements QuarkusApplication {

    private final SchemaCommands commands;

    CommandApplication(SchemaCommands commands) {
        this.commands = commands;
    }

    @Override
    public int run(String... args) throws Exception {
        Invocation invocation = Invocation.parse(args);
        if (invocation.command() == Command.SERVE) {
            Quarkus.waitForExit();
            return ExitCode.OK.code;
        }
        try {
            return commands.run(invocation).code;
        } catch (RuntimeException e) {
            // Not a start failure (exit 6): the command itself broke, which is a bug to report.
            Log.errorf(e, "%s failed unexpectedly", invocation.command().word);
            return ExitCode.MIGRATION_FAILED.code;
        }
    }
}
