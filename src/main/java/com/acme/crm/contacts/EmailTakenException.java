package com.acme.crm.contacts;

/** Another contact already has this email address, in any letter case. */
public class EmailTakenException extends RuntimeException {

    /** The unique index that enforces it in the database (migration V3). */
    public static final String CONSTRAINT = "contact_email_lower_key";

    public EmailTakenException() {
        super("Another contact already has this email address", null, false, false);
    }
}
