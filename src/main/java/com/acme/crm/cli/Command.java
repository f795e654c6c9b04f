package com.acme.crm.cli;

import java.util.Arrays;
import java.util.Optional;

/** The commands the one artifact understands; every one but {@code serve} exits when done. */
enum Command {
    SERVE("serve", "Serve the REST API (the default); never changes the schema in production"),
    MIGRATE("migrate", "Wait for the database, apply the pending migrations of this build, exit"),
    INFO("info", "Show the current version, the applied and the pending migrations [--json]"),
    VALIDATE("validate", "Check that the applied migrations match the ones this build ships"),
    PLAN("plan", "Print the SQL of every pending migration, in order, without running it"),
    WAIT("wait", "Wait until the database holds every migration this build ships (init containers)"),
    REPAIR("repair", "Remove failed entries from the history and realign checksums (writes the history)"),
    BASELINE("baseline", "Mark an existing schema as being at a version: baseline --version N (writes the history)");

    final String word;
    final String summary;

    Command(String word, String summary) {
        this.word = word;
        this.summary = summary;
    }

    static Optional<Command> of(String word) {
        return Arrays.stream(values()).filter(c -> c.word.equals(word)).findFirst();
    }
}
