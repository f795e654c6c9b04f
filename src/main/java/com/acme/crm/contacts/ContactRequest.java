package com.acme.crm.contacts;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a client sends to create or replace a contact. */
public record ContactRequest(@NotBlank @Size(max = 100) String firstName, @NotBlank @Size(max = 100) String lastName,
        @NotBlank @Email(regexp = ".+@.+\\..+", message = "must be a valid email address") @Size(max = 254) String email,
        @Pattern(regexp = "[0-9 +()\\-]*", message = "may contain only digits, spaces and + - ( )") @Size(max = 32) String phone,
        @Size(max = 200) String company) {

    /** Trims every field, turning blank optional fields into null, before validation sees them. */
    public ContactRequest {
        firstName = trim(firstName);
        lastName = trim(lastName);
        email = trim(email);
        phone = blankToNull(trim(phone));
        company = blankToNull(trim(company));
    }

    void applyTo(Contact contact) {
        contact.firstName = firstName;
        contact.lastName = lastName;
        contact.email = email;
        contact.phone = phone;
        contact.company = company;
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
