package com.acme.crm.contacts;

import java.text.Normalizer;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a client sends to create or replace a contact. */
public record ContactRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String firstName,
        @NotBlank @Size(max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String lastName,
        @NotBlank @Email(regexp = ".+@.+\\..+", message = "must be a valid email address") @Size(max = 254) String email,
        @Pattern(regexp = "[0-9 +()\\-]*", message = "may contain only digits, spaces and + - ( )") @Size(max = 32) String phone,
        @Size(max = 200) @Pattern(regexp = NAME, message = NAME_MESSAGE) String company) {

    /**
     * Text that shows something: at least one letter or digit, and no control characters (PostgreSQL refuses NUL) or
     * broken UTF-16. Empty text is left to @NotBlank.
     */
    static final String NAME = "(?:[^\\p{Cc}\\p{Cs}]*[\\p{L}\\p{N}][^\\p{Cc}\\p{Cs}]*)?";
    static final String NAME_MESSAGE = "must contain a letter or a digit, and no control characters";

    /** Trims and NFC-normalizes every field, turning blank optional fields into null, before validation sees them. */
    public ContactRequest {
        firstName = clean(firstName);
        lastName = clean(lastName);
        email = clean(email);
        phone = blankToNull(clean(phone));
        company = blankToNull(clean(company));
    }

    void applyTo(Contact contact) {
        contact.firstName = firstName;
        contact.lastName = lastName;
        contact.email = email;
        contact.phone = phone;
        contact.company = company;
    }

    private static String clean(String value) {
        return value == null ? null : Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
