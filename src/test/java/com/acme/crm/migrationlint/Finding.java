package com.acme.crm.migrationlint;

/** A broken rule at a place in a migration file, with the safe alternative in the message. */
record Finding(String file, int line, String ruleId, String message) {

    @Override
    public String toString() {
        return file + ":" + line + " " + ruleId + " " + message;
    }
}
