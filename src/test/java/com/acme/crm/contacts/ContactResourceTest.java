package com.acme.crm.contacts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ContactResourceTest {

    @Test
    void creating_a_contact_returns_201_and_location() {
        String location = given().contentType(ContentType.JSON).body("""
                {"firstName":" Ada ","lastName":"Lovelace","email":"ada-create@example.com"}""").when()
                .post("/api/contacts").then().statusCode(201).contentType(ContentType.JSON).header("ETag", "\"0\"")
                .body("firstName", equalTo("Ada")).body("id", notNullValue()).extract().header("Location");
        given().when().get(location).then().statusCode(200).body("email", equalTo("ada-create@example.com"));
    }
}
