package com.acme.crm.contacts;

import java.time.OffsetDateTime;

/** A contact as the API shows it. */
public record ContactResponse(long id, String firstName, String lastName, String email, String phone, String company,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {

    static ContactResponse from(Contact c) {
        return new ContactResponse(c.id, c.firstName, c.lastName, c.email, c.phone, c.company, c.createdAt, c.updatedAt,
                c.version);
    }
}
