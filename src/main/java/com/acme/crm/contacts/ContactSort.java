package com.acme.crm.contacts;

import io.quarkus.panache.common.Sort;

/** The orders a contact listing may be sorted by: a field, optionally prefixed with '-' for descending. */
final class ContactSort {

    static final String PATTERN = "-?(id|lastName|createdAt)";
    static final String MESSAGE = "must be one of id, lastName, createdAt, optionally prefixed with - for descending";

    private ContactSort() {
    }

    /** Parses a value that already matched {@link #PATTERN}; ties are broken by id so pages are stable. */
    static Sort parse(String value) {
        boolean descending = value.startsWith("-");
        String field = descending ? value.substring(1) : value;
        Sort sort = Sort.by(field, descending ? Sort.Direction.Descending : Sort.Direction.Ascending);
        return field.equals("id") ? sort : sort.and("id");
    }
}
