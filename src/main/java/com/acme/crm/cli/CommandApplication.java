package com.acme.crm.cli;

import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;

/** Runs the command of the command line once Quarkus has started, and returns its exit code. */
public class CommandApplication implements QuarkusApplication {

    @Inject
    SchemaCommands commands;

    @Override
    public int run(String... args) throws Exception {
        Invocation invocation = Invocation.parse(args);
        if (invocation.command() == Command.SERVE) {
            Quarkus.waitForExit();
            return ExitCode.OK.code;
        }
        return commands.run(invocation).code;
    }
}
