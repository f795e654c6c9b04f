package com.acme.crm.contacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Query;

/**
 * Finds one page of contacts, by page number or right after a cursor, and counts the matches only up to a bound: on a
 * table of a million contacts an exact count would read every match on every request. The search folds both sides
 * with the database's lower(), in every locale alike, and matches exactly the expressions of the trigram indexes of
 * migration V4; each sort is read from its (field, id) index.
 */
final class ContactListing {

    /** Counts above it are reported as "at least" this many. */
    static final int COUNT_BOUND = 10_000;

    private static final String SEARCH = "(lower(c.firstName) like lower(:text) escape '\\'"
            + " or lower(c.lastName) like lower(:text) escape '\\' or lower(c.email) like lower(:text) escape '\\'"
            + " or lower(c.company) like lower(:text) escape '\\')";
    /**
     * {@link #SEARCH} in SQL, for the count. HQL refuses a subquery with a limit but no order, and with an order
     * PostgreSQL reads the matches in that order instead of stopping at the bound: 2 s rather than 80 ms for a common
     * name at a million contacts. The backslash is PostgreSQL's default escape character of like.
     */
    private static final String SEARCH_SQL = "(lower(first_name) like lower(:text) or lower(last_name) like lower(:text)"
            + " or lower(email) like lower(:text) or lower(company) like lower(:text))";

    private final String text;
    private final ContactSort sort;
    private final int size;

    /**
     * @param text
     *        what the names, email or company must contain in any letter case; every contact when blank
     */
    ContactListing(String text, ContactSort sort, int size) {
        this.text = text == null || text.isBlank() ? null : "%" + escapeLike(text.strip()) + "%";
        this.sort = sort;
        this.size = size;
    }

    /** The page of this number, counted from 0. */
    ContactPage page(int page) {
        List<Contact> rows = Contact.<Contact> find(query(null), parameters(null))
                .range(page * size, page * size + size).list();
        return toPage(rows, page);
    }

    /** The page that follows the cursor's place. */
    ContactPage after(ContactCursor cursor) {
        List<Contact> rows = Contact.<Contact> find(query(cursor), parameters(cursor)).range(0, size).list();
        return toPage(rows, null);
    }

    /** One row more than a page is read, to know whether another page follows. */
    private ContactPage toPage(List<Contact> rows, Integer page) {
        boolean more = rows.size() > size;
        List<Contact> shown = more ? rows.subList(0, size) : rows;
        long counted = count();
        long total = Math.min(counted, COUNT_BOUND);
        return new ContactPage(shown.stream().map(ContactResponse::from).toList(), page, size, total,
                counted <= COUNT_BOUND, (int) ((total + size - 1) / size),
                more ? ContactCursor.encode(sort, shown.get(shown.size() - 1)) : null);
    }

    /** The matches, counted up to one more than the bound, so that "more than the bound" is known. */
    private long count() {
        String where = text == null ? "" : " where " + SEARCH_SQL;
        Query query = Contact.getEntityManager().createNativeQuery(
                "select count(*) from (select 1 from contact" + where + " limit " + (COUNT_BOUND + 1) + ") as matched",
                Long.class);
        if (text != null) {
            query.setParameter("text", text);
        }
        return (Long) query.getSingleResult();
    }

    private String query(ContactCursor cursor) {
        List<String> conditions = new ArrayList<>();
        if (text != null) {
            conditions.add(SEARCH);
        }
        if (cursor != null) {
            conditions.add(sort.after());
        }
        return "from Contact c" + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
                + " order by " + sort.orderBy();
    }

    private Map<String, Object> parameters(ContactCursor cursor) {
        Map<String, Object> parameters = new HashMap<>();
        if (text != null) {
            parameters.put("text", text);
        }
        if (cursor != null) {
            parameters.put("afterId", cursor.id());
            if (!sort.field().equals("id")) {
                parameters.put("afterKey", cursor.key());
            }
        }
        return parameters;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
