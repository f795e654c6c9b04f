package com.acme.crm.cli;

import java.sql.SQLException;

/** Finds the database's own error behind Flyway's exceptions: its SQLSTATE tells what went wrong. */
final class SqlErrors {

    private SqlErrors() {
    }

    /** @return the first SQLException in the cause chain, or null */
    static SQLException cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
