package com.acme.crm.cli;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

/** Runs the command of the command line once Quarkus has started, and returns its exit code. */
public class CommandApplication implements QuarkusApplication {

    /** Set by {@link CrmMain} before Quarkus starts; dev mode and tests start Quarkus without it, to serve. */
    private static volatile Invocation invocation = Invocation.SERVE;

    private final SchemaCommands commands;

    CommandApplication(SchemaCommands commands) {
        this.commands = commands;
    }

    static void use(Invocation parsed) {
        invocation = parsed;
    }

    @Override
    public int run(String... args) {
        if (invocation.command() == Command.SERVE) {
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
