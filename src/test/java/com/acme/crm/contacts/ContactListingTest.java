package com.acme.crm.contacts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.acme.crm.testsupport.AuthenticatedClient;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Listing more contacts than the count bound: the total is exact up to 10,000 and "at least 10,000" beyond. The rows go
 * in with one insert (the API would need 10,001 requests) and out again after each test.
 */
@QuarkusTest
@ExtendWith(AuthenticatedClient.class)
class ContactListingTest {

    private static final int ROWS = ContactListing.COUNT_BOUND + 1;

    @Inject
    AgroalDataSource dataSource;

    private final String tag = "bulk" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void insertOneMoreThanTheBound() throws SQLException {
        execute("""
                insert into contact (id, first_name, last_name, email, company, created_at, updated_at, version)
                select nextval('contact_seq'), 'Bulk', case when i % 5000 = 0 then 'Needle' || ? else 'Hay' end,
                       ? || '-' || i || '@example.com', ?, now(), now(), 0
                from generate_series(1, ?) as i""", tag, tag, tag, ROWS);
    }

    @AfterEach
    void deleteThem() throws SQLException {
        execute("delete from contact where company = ?", tag);
    }

    @Test
    void more_matches_than_the_bound_are_counted_as_at_least_the_bound() {
        given().queryParam("q", tag).when().get("/api/contacts").then().statusCode(200).body("items", hasSize(20))
                .body("totalItems", equalTo(10_000)).body("totalItemsExact", equalTo(false))
                .body("totalPages", equalTo(500)).body("next", notNullValue());
    }

    @Test
    void pages_go_on_past_the_bounded_total() {
        given().queryParam("q", tag).queryParam("page", 500).when().get("/api/contacts").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].email", equalTo(tag + "-" + ROWS + "@example.com"))
                .body("totalItemsExact", equalTo(false)).body("next", nullValue());
    }

    @Test
    void a_selective_search_among_them_is_counted_exactly() {
        given().queryParam("q", "needle" + tag).when().get("/api/contacts").then().statusCode(200)
                .body("items", hasSize(2)).body("totalItems", equalTo(2)).body("totalItemsExact", equalTo(true))
                .body("totalPages", equalTo(1)).body("next", nullValue());
    }

    @Test
    void a_cursor_goes_on_in_last_name_order_through_more_matches_than_the_bound() {
        String next = given().queryParam("q", tag).queryParam("sort", "-lastName").queryParam("size", 2).when()
                .get("/api/contacts").then().statusCode(200).body("items.lastName", everyItem(equalTo("Needle" + tag)))
                .body("items.email", contains(tag + "-10000@example.com", tag + "-5000@example.com"))
                .extract().path("next");
        given().queryParam("q", tag).queryParam("sort", "-lastName").queryParam("size", 2).queryParam("after", next)
                .when().get("/api/contacts").then().statusCode(200)
                .body("items.email", contains(tag + "-" + ROWS + "@example.com", tag + "-9999@example.com"));
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }
}
