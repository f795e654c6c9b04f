package com.acme.crm.cli;

/** Process exit codes of the schema commands, documented in the README. */
public enum ExitCode {
    OK(0), MIGRATION_FAILED(1), USAGE(2), DATABASE_UNREACHABLE(3), VALIDATION_FAILED(4), SCHEMA_NOT_READY(5),
    CANNOT_START(6);

    public final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
