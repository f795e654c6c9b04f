package com.acme.crm.contacts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;

/**
 * The version a write is based on, from its If-Match header: exactly one strong ETag, as GET returned it. Writing
 * without one, or with {@code *}, could overwrite a change the client never saw (a lost update), so it is refused.
 */
final class IfMatch {

    private static final Pattern STRONG_ETAG = Pattern.compile("\"(\\d{1,18})\"");
    private static final int PRECONDITION_REQUIRED = 428;
    private static final int PRECONDITION_FAILED = 412;

    private IfMatch() {
    }

    /** Refuses the write unless If-Match names the contact's current version. */
    static void require(String header, Contact contact) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            throw new ClientErrorException(
                    "Send the contact's ETag in If-Match (read the contact first to get it);" + " '*' is not accepted",
                    PRECONDITION_REQUIRED);
        }
        Matcher etag = STRONG_ETAG.matcher(header.strip());
        if (!etag.matches()) {
            throw new BadRequestException(
                    "If-Match must hold one ETag exactly as the contact's GET returned it, such" + " as \"3\"");
        }
        if (Long.parseLong(etag.group(1)) != contact.version) {
            throw new ClientErrorException("The contact has changed since it was read (current ETag \""
                    + contact.version + "\"); read it again", PRECONDITION_FAILED);
        }
    }
}
