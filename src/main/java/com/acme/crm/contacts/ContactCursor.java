package com.acme.crm.contacts;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;

/**
 * Where a listing page ends: the last contact's sort key and id, and the sort they belong to. Clients get it as an
 * opaque token ({@code next}) and send it back in {@code after}; it is base64url of the sort, id and key, one per line.
 */
record ContactCursor(ContactSort sort, long id, Object key) {

    /** What {@code after} may look like before it is decoded: base64url without padding. */
    static final String PATTERN = "[A-Za-z0-9_-]+";
    static final String MESSAGE = "must be a cursor as a listing's next returned it";

    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern SORT = Pattern.compile(ContactSort.PATTERN);
    private static final String NOT_A_CURSOR = "after is not a cursor that this API returned; start again without it";

    /** The cursor of the place right after this contact. */
    static String encode(ContactSort sort, Contact last) {
        String text = sort + "\n" + last.id + "\n" + sort.keyOf(last);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor sent in {@code after}, which must have been made for the listing's sort.
     *
     * @throws BadRequestException
     *         if it is not a cursor of this API, or one made for another sort
     */
    static ContactCursor decode(String token, ContactSort expected) {
        String[] parts = text(token).split("\n", 3);
        if (parts.length != 3 || !SORT.matcher(parts[0]).matches() || !ID.matcher(parts[1]).matches()) {
            throw new BadRequestException(NOT_A_CURSOR);
        }
        ContactSort sort = ContactSort.parse(parts[0]);
        if (!sort.equals(expected)) {
            throw new BadRequestException("after is a cursor for sort=" + sort + ", not sort=" + expected
                    + "; ask with the sort it was made for, or start again without after");
        }
        Object key = sort.parseKey(parts[2]).orElseThrow(() -> new BadRequestException(NOT_A_CURSOR));
        return new ContactCursor(sort, Long.parseLong(parts[1]), key);
    }

    /** The cursor's text; refuses what is not base64url of UTF-8 text without control characters but line breaks. */
    private static String text(String token) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            if (text.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c))) {
                throw new BadRequestException(NOT_A_CURSOR);
            }
            return text;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new BadRequestException(NOT_A_CURSOR);
        }
    }
}
