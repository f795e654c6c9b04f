package com.acme.crm.contacts;

import java.util.List;

/** One page of a contact listing. */
public record ContactPage(List<ContactResponse> items, int page, int size, long totalItems, int totalPages) {
}
