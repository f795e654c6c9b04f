package com.acme.crm.contacts;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a contact listing. */
public record ContactPage(
        @Schema(description = "The contacts of this page, in the listing's order") List<ContactResponse> items,
        @Schema(description = "The page number asked for, from 0; null when the page was asked for with after", nullable = true) Integer page,
        @Schema(description = "The most contacts a page holds") int size,
        @Schema(description = "How many contacts match: exact up to 10000; when more match, 10000 and totalItemsExact is false") long totalItems,
        @Schema(description = "Whether totalItems is the exact count (true) or a lower bound, \"at least 10000\" (false)") boolean totalItemsExact,
        @Schema(description = "Pages of size that totalItems fills: like totalItems, exact only when totalItemsExact is true") int totalPages,
        @Schema(description = "A cursor for the following page: send it as after, with the same sort, to get the page right after this one;"
                + " null on the last page", nullable = true) String next) {
}
