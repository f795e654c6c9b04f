package com.acme.crm.contacts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.acme.crm.testsupport.AuthenticatedClient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The contacts API seen from a client: status codes, headers and bodies. Runs again on the packaged jar. */
@QuarkusTest
@ExtendWith(AuthenticatedClient.class)
class ContactResourceTest {

    static final String PROBLEM_JSON = "application/problem+json";

    /** A unique email, so that tests share the database without seeing each other's data. */
    static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID() + "@example.com";
    }

    static String json(String firstName, String lastName, String email) {
        return """
                {"firstName":"%s","lastName":"%s","email":"%s"}""".formatted(firstName, lastName, email);
    }

    static ValidatableResponse create(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/contacts").then();
    }

    static long createContact(String firstName, String lastName, String email) {
        return create(json(firstName, lastName, email)).statusCode(201).extract().jsonPath().getLong("id");
    }

    static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType(PROBLEM_JSON).body("status", equalTo(status)).body("title",
                notNullValue());
    }

    @Nested
    class Creating {

        @Test
        void creating_a_contact_returns_201_location_etag_and_the_trimmed_contact() {
            String email = uniqueEmail("ada");
            String location = create(
                    """
                            {"firstName":"  Ada ","lastName":"Lovelace","email":"%s","phone":"+44 (20) 123-456","company":" Analytical Engines "}"""
                            .formatted(email))
                    .statusCode(201).contentType(ContentType.JSON).header("ETag", "\"0\"")
                    .body("id", notNullValue()).body("firstName", equalTo("Ada"))
                    .body("lastName", equalTo("Lovelace")).body("email", equalTo(email))
                    .body("phone", equalTo("+44 (20) 123-456"))
                    .body("company", equalTo("Analytical Engines")).body("createdAt", notNullValue())
                    .body("updatedAt", notNullValue()).body("version", equalTo(0)).extract()
                    .header("Location");

            given().when().get(location).then().statusCode(200).body("email", equalTo(email));
        }

        @Test
        void optional_fields_may_be_left_out() {
            create(json("Grace", "Hopper", uniqueEmail("grace"))).statusCode(201).body("phone", nullValue())
                    .body("company", nullValue());
        }

        @Test
        void invalid_fields_answer_400_naming_every_bad_field() {
            problem(create("""
                    {"firstName":"   ","lastName":"%s","email":"not-an-email","phone":"call me","company":"%s"}"""
                    .formatted("x".repeat(101), "c".repeat(201))), 400)
                    .body("violations.field",
                            containsInAnyOrder("firstName", "lastName", "email", "phone", "company"))
                    .body("violations.find { it.field == 'email' }.message",
                            equalTo("must be a valid email address"));
        }

        @Test
        void missing_required_fields_are_violations() {
            problem(create("{}"), 400).body("violations.field", containsInAnyOrder("firstName", "lastName", "email"));
        }

        @Test
        void an_email_longer_than_254_characters_is_rejected() {
            String email = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".com";
            problem(create(json("Long", "Mail", email)), 400).body("violations.field", contains("email"));
        }

        @Test
        void a_duplicate_email_in_another_letter_case_answers_409() {
            String email = uniqueEmail("dup");
            createContact("First", "Owner", email);
            problem(create(json("Second", "Owner", email.toUpperCase())), 409).body("detail",
                    equalTo("Another contact already has this email address"));
        }

        @ParameterizedTest
        @ValueSource(strings = { "firstName", "lastName", "company" })
        void a_control_character_in_free_text_answers_400_naming_the_field(String field) {
            String body = """
                    {"firstName":"Ada","lastName":"Lovelace","email":"%s","company":"Engines"}"""
                    .formatted(uniqueEmail("nul")).replace("\"" + field + "\":\"", "\"" + field + "\":\"A\\u0000");
            problem(create(body), 400).body("violations.field", contains(field)).body("violations[0].message",
                    equalTo("must contain a letter or a digit, and no control characters"));
        }

        @Test
        void a_name_of_invisible_characters_only_answers_400() {
            problem(create(json("\u200b\u00a0", "Lovelace", uniqueEmail("invisible"))), 400).body("violations.field",
                    contains("firstName"));
        }

        @Test
        void names_are_stored_in_composed_unicode_form() {
            create(json("Emile\u0301", "Zola", uniqueEmail("nfc"))).statusCode(201).body("firstName",
                    equalTo("Emil\u00e9"));
        }

        @Test
        void unknown_properties_answer_400() {
            problem(create("""
                    {"firstName":"A","lastName":"B","email":"%s","nickname":"x"}""".formatted(uniqueEmail("unknown"))),
                    400).body("detail", equalTo("Unknown property 'nickname'"));
        }

        @Test
        void malformed_json_answers_400() {
            problem(create("{\"firstName\": \"A\","), 400).body("detail", equalTo("The body is not well-formed JSON"));
        }

        @Test
        void a_field_of_the_wrong_type_answers_400_naming_it() {
            problem(create("""
                    {"firstName":"A","lastName":["B"],"email":"%s"}""".formatted(uniqueEmail("type"))), 400)
                    .body("detail", equalTo("Field 'lastName' has the wrong type"));
        }

        @Test
        void a_missing_body_answers_400() {
            problem(given().contentType(ContentType.JSON).when().post("/api/contacts").then(), 400)
                    .body("violations.message", contains("a JSON body is required"));
        }

        @Test
        void a_body_that_is_not_json_answers_415() {
            problem(given().contentType(ContentType.TEXT).body("hello").when().post("/api/contacts").then(), 415);
        }

        @Test
        void a_body_over_64_kib_answers_413() {
            problem(create(json("x".repeat(70_000), "B", uniqueEmail("big"))), 413);
        }
    }

    @Nested
    class Reading {

        @Test
        void reading_a_contact_returns_its_etag() {
            long id = createContact("Alan", "Turing", uniqueEmail("alan"));
            given().when().get("/api/contacts/{id}", id).then().statusCode(200).contentType(ContentType.JSON)
                    .header("ETag", "\"0\"").body("id", equalTo((int) id)).body("lastName", equalTo("Turing"));
        }

        @Test
        void an_unknown_id_answers_404() {
            problem(given().when().get("/api/contacts/{id}", 987_654_321_012L).then(), 404);
        }

        @ParameterizedTest
        @ValueSource(strings = { "abc", "0", "-1", "1.5", "99999999999999999999" })
        void an_id_that_is_not_a_positive_number_answers_400(String id) {
            problem(given().when().get("/api/contacts/{id}", id).then(), 400).body("violations.field", contains("id"))
                    .body("violations.message", contains("must be a positive number"));
        }

        @Test
        void an_unknown_path_answers_404_problem() {
            problem(given().when().get("/api/nothing-here").then(), 404);
        }

        @Test
        void an_unsupported_method_answers_405_problem() {
            problem(given().when().patch("/api/contacts/1").then(), 405);
        }
    }

    @Nested
    class Replacing {

        @Test
        void replacing_with_the_current_etag_answers_200_and_a_new_etag() {
            long id = createContact("Edsger", "Dijkstra", uniqueEmail("edsger"));
            String email = uniqueEmail("edsger-new");
            given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(json("Edsger W.", "Dijkstra", email))
                    .when().put("/api/contacts/{id}", id).then().statusCode(200).header("ETag", "\"1\"")
                    .body("firstName", equalTo("Edsger W.")).body("email", equalTo(email)).body("version", equalTo(1));
        }

        @Test
        void replacing_without_if_match_answers_428() {
            long id = createContact("No", "Etag", uniqueEmail("noetag"));
            problem(given().contentType(ContentType.JSON).body(json("No", "Etag", uniqueEmail("noetag"))).when()
                    .put("/api/contacts/{id}", id).then(), 428);
        }

        @Test
        void replacing_with_if_match_star_answers_428_and_changes_nothing() {
            long id = createContact("Star", "Etag", uniqueEmail("star"));
            problem(given().contentType(ContentType.JSON).header("If-Match", "*")
                    .body(json("Changed", "Etag", uniqueEmail("star"))).when().put("/api/contacts/{id}", id).then(),
                    428);
            given().when().get("/api/contacts/{id}", id).then().body("firstName", equalTo("Star"));
        }

        @ParameterizedTest
        @ValueSource(strings = { "W/\"0\"", "0", "\"0\", \"1\"", "\"x\"" })
        void replacing_with_an_if_match_that_is_not_one_strong_etag_answers_400(String ifMatch) {
            long id = createContact("Weak", "Etag", uniqueEmail("weak"));
            problem(given().contentType(ContentType.JSON).header("If-Match", ifMatch)
                    .body(json("Changed", "Etag", uniqueEmail("weak"))).when().put("/api/contacts/{id}", id).then(),
                    400).body("detail", containsString("If-Match"));
        }

        @Test
        void replacing_with_a_stale_etag_answers_412_and_changes_nothing() {
            long id = createContact("Stale", "Etag", uniqueEmail("stale"));
            problem(given().contentType(ContentType.JSON).header("If-Match", "\"7\"")
                    .body(json("Changed", "Etag", uniqueEmail("stale"))).when().put("/api/contacts/{id}", id).then(),
                    412);
            given().when().get("/api/contacts/{id}", id).then().body("firstName", equalTo("Stale"));
        }

        @Test
        void replacing_validates_like_creating() {
            long id = createContact("Valid", "Before", uniqueEmail("valid"));
            problem(given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(json("", "After", "broken"))
                    .when().put("/api/contacts/{id}", id).then(), 400).body("violations.field",
                            containsInAnyOrder("firstName", "email"));
        }

        @Test
        void replacing_with_another_contacts_email_answers_409() {
            String taken = uniqueEmail("taken");
            createContact("Taken", "Owner", taken);
            long id = createContact("Other", "Owner", uniqueEmail("other"));
            problem(given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                    .body(json("Other", "Owner", taken.toUpperCase())).when().put("/api/contacts/{id}", id).then(),
                    409);
        }

        @Test
        void replacing_an_unknown_contact_answers_404() {
            problem(given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                    .body(json("No", "One", uniqueEmail("noone"))).when().put("/api/contacts/{id}", 987_654_321_013L)
                    .then(), 404);
        }
    }

    @Nested
    class Deleting {

        @Test
        void deleting_with_the_current_etag_answers_204_and_the_contact_is_gone() {
            long id = createContact("Gone", "Soon", uniqueEmail("gone"));
            given().header("If-Match", "\"0\"").when().delete("/api/contacts/{id}", id).then().statusCode(204)
                    .body(emptyString());
            problem(given().when().get("/api/contacts/{id}", id).then(), 404);
            problem(given().header("If-Match", "\"0\"").when().delete("/api/contacts/{id}", id).then(), 404);
        }

        @ParameterizedTest
        @ValueSource(strings = { "", "*" })
        void deleting_without_a_specific_etag_answers_428_and_keeps_the_contact(String ifMatch) {
            long id = createContact("Kept", "Unguarded", uniqueEmail("unguarded"));
            var request = given();
            if (!ifMatch.isEmpty()) {
                request.header("If-Match", ifMatch);
            }
            problem(request.when().delete("/api/contacts/{id}", id).then(), 428);
            given().when().get("/api/contacts/{id}", id).then().statusCode(200);
        }

        @Test
        void deleting_with_a_stale_if_match_answers_412_and_keeps_the_contact() {
            long id = createContact("Kept", "Safe", uniqueEmail("kept"));
            problem(given().header("If-Match", "\"3\"").when().delete("/api/contacts/{id}", id).then(), 412);
            given().when().get("/api/contacts/{id}", id).then().statusCode(200);
        }

    }

    @Nested
    class Listing {

        @Test
        void pages_split_the_matches_and_count_them() {
            String tag = "pg" + UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < 5; i++) {
                createContact("Page" + i, tag, uniqueEmail(tag + i));
            }
            given().queryParam("q", tag).queryParam("size", 2).queryParam("page", 2).when().get("/api/contacts").then()
                    .statusCode(200).contentType(ContentType.JSON).body("items", hasSize(1))
                    .body("items[0].firstName", equalTo("Page4")).body("page", equalTo(2)).body("size", equalTo(2))
                    .body("totalItems", equalTo(5)).body("totalItemsExact", equalTo(true)).body("totalPages", equalTo(3))
                    .body("next", nullValue());
            given().queryParam("q", tag).queryParam("size", 2).queryParam("page", 3).when().get("/api/contacts").then()
                    .statusCode(200).body("items", hasSize(0)).body("totalItems", equalTo(5)).body("next", nullValue());
        }

        @Test
        void defaults_are_page_0_of_20_sorted_by_id() {
            for (int i = 0; i < 21; i++) {
                createContact("Default", "Order", uniqueEmail("default" + i));
            }
            List<Integer> ids = given().when().get("/api/contacts").then().statusCode(200).body("page", equalTo(0))
                    .body("size", equalTo(20)).body("items", hasSize(20)).extract().jsonPath().getList("items.id");
            assertThat(ids).isSorted().doesNotHaveDuplicates();
        }

        @Test
        void search_matches_names_email_and_company_in_any_letter_case() {
            String tag = "sr" + UUID.randomUUID().toString().substring(0, 8);
            createContact(tag.toUpperCase() + "first", "X", uniqueEmail("s1"));
            createContact("Y", "last" + tag, uniqueEmail("s2"));
            createContact("Z", "Z", uniqueEmail(tag + "-mail"));
            create("""
                    {"firstName":"C","lastName":"C","email":"%s","company":"Acme %s Ltd"}"""
                    .formatted(uniqueEmail("s4"), tag)).statusCode(201);
            createContact("Not", "Matching", uniqueEmail("s5"));
            given().queryParam("q", tag.toUpperCase()).when().get("/api/contacts").then().statusCode(200)
                    .body("totalItems", equalTo(4));
        }

        @Test
        void search_treats_wildcards_literally() {
            String tag = "wc" + UUID.randomUUID().toString().substring(0, 8);
            long percent = createContact("Percent", tag + "100%", uniqueEmail("percent"));
            createContact("Thousand", tag + "1000", uniqueEmail("thousand"));
            long underscore = createContact("Underscore", tag + "a_b", uniqueEmail("underscore"));
            createContact("Letter", tag + "axb", uniqueEmail("axb"));
            given().queryParam("q", tag + "100%").when().get("/api/contacts").then().statusCode(200).body("items.id",
                    contains((int) percent));
            given().queryParam("q", tag + "a_b").when().get("/api/contacts").then().statusCode(200).body("items.id",
                    contains((int) underscore));
        }

        @Test
        void a_control_character_in_the_search_answers_400() {
            problem(given().queryParam("q", "a\u0000").when().get("/api/contacts").then(), 400).body("violations.field",
                    contains("q"));
        }

        @Test
        void sorting_by_last_name_descending_breaks_ties_by_id_descending() {
            String tag = "so" + UUID.randomUUID().toString().substring(0, 8);
            long b1 = createContact(tag, "Bravo", uniqueEmail("b1"));
            long a = createContact(tag, "Alpha", uniqueEmail("a"));
            long c = createContact(tag, "Charlie", uniqueEmail("c"));
            long b2 = createContact(tag, "Bravo", uniqueEmail("b2"));
            given().queryParam("q", tag).queryParam("sort", "-lastName").when().get("/api/contacts").then()
                    .statusCode(200).body("items.id", contains((int) c, (int) b2, (int) b1, (int) a));
            given().queryParam("q", tag).queryParam("sort", "createdAt").when().get("/api/contacts").then()
                    .statusCode(200).body("items.id", contains((int) b1, (int) a, (int) c, (int) b2));
        }

        @Test
        void a_cursor_walk_visits_every_contact_once_in_the_order_of_the_page_numbers() {
            String tag = "cw" + UUID.randomUUID().toString().substring(0, 8);
            for (String lastName : List.of("Bravo", "Alpha", "Bravo", "Delta", "Alpha", "Charlie", "Bravo")) {
                createContact(tag, lastName, uniqueEmail(tag));
            }
            for (String sort : List.of("id", "-id", "lastName", "-lastName", "createdAt", "-createdAt")) {
                List<Integer> byNumber = new ArrayList<>();
                for (int page = 0; page < 4; page++) {
                    byNumber.addAll(given().queryParam("q", tag).queryParam("sort", sort).queryParam("size", 2)
                            .queryParam("page", page).when().get("/api/contacts").then().statusCode(200)
                            .body("totalItems", equalTo(7)).body("totalItemsExact", equalTo(true))
                            .body("totalPages", equalTo(4)).extract().jsonPath().getList("items.id"));
                }
                List<Integer> byCursor = new ArrayList<>();
                String after = null;
                int requests = 0;
                do {
                    var request = given().queryParam("q", tag).queryParam("sort", sort).queryParam("size", 2);
                    if (after != null) {
                        request.queryParam("after", after);
                    }
                    var page = request.when().get("/api/contacts").then().statusCode(200)
                            .body("page", after == null ? equalTo(0) : nullValue()).extract().jsonPath();
                    byCursor.addAll(page.getList("items.id"));
                    after = page.getString("next");
                    requests++;
                } while (after != null && requests < 10);

                assertThat(byNumber).as("sort=%s by page number", sort).hasSize(7).doesNotHaveDuplicates();
                assertThat(byCursor).as("sort=%s by cursor", sort).isEqualTo(byNumber);
                assertThat(requests).as("sort=%s: pages, the last one with next null", sort).isEqualTo(4);
            }
        }

        @Test
        void a_cursor_made_for_another_sort_answers_400() {
            String tag = "cs" + UUID.randomUUID().toString().substring(0, 8);
            createContact(tag, "One", uniqueEmail(tag));
            createContact(tag, "Two", uniqueEmail(tag));
            String next = given().queryParam("q", tag).queryParam("sort", "lastName").queryParam("size", 1).when()
                    .get("/api/contacts").then().statusCode(200).body("next", notNullValue()).extract().path("next");

            for (String otherSort : List.of("-lastName", "id", "createdAt")) {
                problem(given().queryParam("q", tag).queryParam("sort", otherSort).queryParam("after", next).when()
                        .get("/api/contacts").then(), 400).body("detail",
                                equalTo("after is a cursor for sort=lastName, not sort=" + otherSort
                                        + "; ask with the sort it was made for, or start again without after"));
            }
        }

        @Test
        void a_page_number_with_a_cursor_answers_400() {
            String tag = "cp" + UUID.randomUUID().toString().substring(0, 8);
            createContact(tag, "One", uniqueEmail(tag));
            createContact(tag, "Two", uniqueEmail(tag));
            String next = given().queryParam("q", tag).queryParam("size", 1).when().get("/api/contacts").then()
                    .statusCode(200).extract().path("next");

            problem(given().queryParam("q", tag).queryParam("page", 1).queryParam("after", next).when()
                    .get("/api/contacts").then(), 400).body("detail",
                            equalTo("Ask for a page by number (page) or after a cursor (after), not both"));
            given().queryParam("q", tag).queryParam("page", 0).queryParam("after", next).when().get("/api/contacts")
                    .then().statusCode(200).body("items", hasSize(1)).body("next", nullValue());
        }

        @ParameterizedTest
        @ValueSource(strings = { "id\n0\n", "id\n5", "id\n5\nkey", "id\n-5\n", "id\n123456789012345678901\n",
                "email\n5\n", "lastName\n5\n", "createdAt\n5\nyesterday", "createdAt\n5\n2024-13-01T00:00:00Z",
                "lastName\n5\nA\u0000B" })
        void a_cursor_that_this_api_did_not_make_answers_400(String text) {
            String sort = text.substring(0, text.indexOf('\n'));
            String after = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(text.getBytes(StandardCharsets.UTF_8));
            problem(given().queryParam("sort", sort.equals("email") ? "id" : sort).queryParam("after", after).when()
                    .get("/api/contacts").then(), 400).body("detail", containsString("after"));
        }

        @ParameterizedTest
        @ValueSource(strings = { "x", "not-a-cursor", "____", "AAAA", "4pyT" })
        void garbage_after_a_cursor_answers_400(String after) {
            problem(given().queryParam("after", after).when().get("/api/contacts").then(), 400).body("detail",
                    containsString("after"));
        }

        @ParameterizedTest
        @ValueSource(strings = { "abc=", "a+b", "a b", "/w" })
        void an_after_that_is_not_base64url_answers_400_naming_it(String after) {
            problem(given().queryParam("after", after).when()
                    .get("/api/contacts").then(), 400).body("violations.field", contains("after"));
        }

        @ParameterizedTest
        @ValueSource(strings = { "page=-1", "page=abc", "size=0", "size=101", "size=x", "sort=email", "sort=--id" })
        void malformed_or_out_of_range_parameters_answer_400(String parameter) {
            String[] pair = parameter.split("=");
            problem(given().queryParam(pair[0], pair[1]).when().get("/api/contacts").then(), 400)
                    .body("violations.field", contains(pair[0])).body("violations[0].message", not(emptyString()));
        }
    }

    @Test
    void problem_bodies_never_carry_stack_traces_or_class_names() {
        problem(create("{\"firstName\": ["), 400).body("detail", not(endsWith("Exception")))
                .body("stackTrace", nullValue()).body("exception", nullValue());
    }
}
