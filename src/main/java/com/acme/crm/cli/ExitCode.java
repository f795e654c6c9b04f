package com.acme.crm.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Process exit codes of the commands. The one source of their meaning: the usage text and the table in
 * docs/operations.md are made from it.
 */
public enum ExitCode {
    OK(0, "success"),
    MIGRATION_FAILED(1, "a migration, or the grants after it, failed; the log says what and what to do next"),
    USAGE(2, "the command line is wrong"),
    DATABASE_UNREACHABLE(3, "the database did not answer before the deadline"),
    VALIDATION_FAILED(4, "the applied migrations do not match this build, or baseline was refused"),
    SCHEMA_NOT_READY(5, "wait gave up: the schema still lacks migrations of this build"),
    CANNOT_START(6, "invalid configuration, such as no datasource URL"),
    DATABASE_REFUSED(7, "the database refused the connection for good: credentials, database name or TLS"),
    UNEXPECTED(8, "an unexpected error (a bug): the log holds the stack trace");

    public final int code;
    final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The lines of the usage text that explain the exit codes. */
    static String usageLines() {
        return Arrays.stream(values()).map(exit -> "  %d  %s".formatted(exit.code, exit.meaning))
                .collect(Collectors.joining("\n"));
    }

    /** The Markdown table of docs/operations.md. */
    static String markdownTable() {
        return "| exit code | meaning |\n|---|---|\n" + Arrays.stream(values())
                .map(exit -> "| %d | %s |".formatted(exit.code, exit.meaning)).collect(Collectors.joining("\n"));
    }
}
