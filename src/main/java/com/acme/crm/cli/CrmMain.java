package com.acme.crm.cli;

import java.util.Map;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of both builds, the API build and the migrate-only one. The command line is read before Quarkus starts, so
 * that a usage error costs nothing and the schema commands start without the HTTP server, Hibernate ORM or
 * migrate-at-start.
 */
@QuarkusMain
public class CrmMain {

    /**
     * What the schema commands switch off: they only need Flyway and a connection, and have no requests to drain. Their
     * log goes to stderr, so that stdout carries only what the command prints ({@code info --json | jq},
     * {@code plan > pending.sql}). The migrate-only build leaves out the API's extensions, so their keys, in
     * application.properties and here, are unknown to it: its warnings of unknown keys would only be noise.
     */
    private static final Map<String, String> COMMAND_MODE = Map.of("quarkus.http.host-enabled", "false",
            "quarkus.management.host-enabled", "false",
            "quarkus.hibernate-orm.active", "false", "quarkus.flyway.migrate-at-start", "false",
            "quarkus.banner.enabled", "false", "quarkus.log.console.stderr", "true", "quarkus.scheduler.enabled",
            "false", "quarkus.shutdown.delay", "0s", "quarkus.log.category.\"io.quarkus.config\".level", "ERROR");

    public static void main(String... args) {
        Invocation invocation;
        try {
            invocation = Invocation.parse(args);
        } catch (Invocation.UsageException e) {
            System.err.println("crm-service: " + e.getMessage() + "\n\n" + Invocation.usage());
            System.exit(ExitCode.USAGE.code);
            return;
        }
        if (invocation.help()) {
            System.out.println(Invocation.usage());
            return;
        }
        if (invocation.command() != Command.SERVE) {
            COMMAND_MODE.forEach(System::setProperty);
        }
        CommandApplication.use(invocation);
        Quarkus.run(CommandApplication.class, CrmMain::exit, args);
    }

    /** A failed start (for example no datasource URL) gets its own exit code and a message without a stack trace. */
    private static void exit(int code, Throwable startupFailure) {
        if (startupFailure != null) {
            Throwable cause = startupFailure;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            Log.debug("Start failed", startupFailure);
            System.err.println("crm-service could not start: " + cause.getMessage());
            code = ExitCode.CANNOT_START.code;
        }
        System.exit(code);
    }
}
