package com.acme.crm.contacts;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The order of a contact listing: one field, ascending or descending, with ties broken by id in the same direction, so
 * that every contact has exactly one place and a page can start right after a known one (keyset pagination). Each
 * order is served by an index that holds the field and then id (migration V4), read forwards or backwards.
 */
record ContactSort(String field, boolean descending) {

    static final String PATTERN = "-?(id|lastName|createdAt)";
    static final String MESSAGE = "must be one of id, lastName, createdAt, optionally prefixed with - for descending";

    /** Parses a value that already matched {@link #PATTERN}. */
    static ContactSort parse(String value) {
        boolean descending = value.startsWith("-");
        return new ContactSort(descending ? value.substring(1) : value, descending);
    }

    /** The HQL order of contacts aliased {@code c}. */
    String orderBy() {
        String direction = descending ? " desc" : "";
        return field.equals("id") ? "c.id" + direction : "c." + field + direction + ", c.id" + direction;
    }

    /**
     * The HQL condition that keeps the contacts after the place {@code :afterKey}, {@code :afterId} in this order. A row
     * comparison, which PostgreSQL answers from the (field, id) index.
     */
    String after() {
        String comparison = descending ? " < " : " > ";
        return field.equals("id") ? "c.id" + comparison + ":afterId"
                : "(c." + field + ", c.id)" + comparison + "(:afterKey, :afterId)";
    }

    /** The sort key of a contact as text, for a cursor; empty when the id is the key. */
    String keyOf(Contact contact) {
        return switch (field) {
            case "lastName" -> contact.lastName;
            case "createdAt" -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(contact.createdAt);
            default -> "";
        };
    }

    /** The value of a sort key that {@link #keyOf} wrote, or nothing if it is not one. */
    Optional<Object> parseKey(String key) {
        return switch (field) {
            case "lastName" -> key.isEmpty() || key.length() > 100 ? Optional.empty() : Optional.of(key);
            case "createdAt" -> parseTime(key);
            default -> key.isEmpty() ? Optional.of(key) : Optional.empty();
        };
    }

    /** As the client writes it in {@code sort}. */
    @Override
    public String toString() {
        return descending ? "-" + field : field;
    }

    private static Optional<Object> parseTime(String key) {
        try {
            return Optional.of(OffsetDateTime.parse(key, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
