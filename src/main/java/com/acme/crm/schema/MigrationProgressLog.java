package com.acme.crm.schema;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import io.quarkus.logging.Log;

/** Logs each migration as it is applied, with its duration, so an operator can follow a long migrate. */
@Singleton
public class MigrationProgressLog implements Callback {

    private volatile long startedAt;

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE
                || event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        MigrationInfo migration = context.getMigrationInfo();
        if (event == Event.BEFORE_EACH_MIGRATE) {
            startedAt = System.nanoTime();
            Log.infof("Applying version %s: %s", migration.getVersion(), migration.getDescription());
            return;
        }
        long millis = (System.nanoTime() - startedAt) / 1_000_000;
        if (event == Event.AFTER_EACH_MIGRATE) {
            Log.infof("Applied version %s: %s (%d ms)", migration.getVersion(), migration.getDescription(), millis);
        } else {
            Log.errorf("Failed version %s: %s after %d ms", migration.getVersion(), migration.getDescription(), millis);
        }
    }

    @Override
    public String getCallbackName() {
        return "progress log";
    }
}
