package com.acme.crm.cli;

import jakarta.enterprise.inject.Instance;

import io.quarkus.logging.Log;
import io.quarkus.runtime.QuarkusApplication;

/** Runs the command of the command line once Quarkus has started, and returns its exit code. */
public class CommandApplication implements QuarkusApplication {

    /** Set by {@link CrmMain} before Quarkus starts; dev mode and tests start Quarkus without it, to serve. */
    private static volatile Invocation invocation = Invocation.SERVE;

    private final SchemaCommands commands;
    private final Instance<ApiServer> apiServer;

    CommandApplication(SchemaCommands commands, Instance<ApiServer> apiServer) {
        this.commands = commands;
        this.apiServer = apiServer;
    }

    static void use(Invocation parsed) {
        invocation = parsed;
    }

    @Override
    public int run(String... args) {
        if (invocation.command() == Command.SERVE) {
            if (apiServer.isUnsatisfied()) {
                Log.error("This is the migrate-only build of crm-service: it runs the schema commands (see --help),"
                        + " not serve. The API image (crm-service-api) serves the API");
                return ExitCode.USAGE.code;
            }
            apiServer.get().serveUntilStopped();
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
