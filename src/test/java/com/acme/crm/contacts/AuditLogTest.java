package com.acme.crm.contacts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.acme.crm.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every write is logged with who did it, what and to which contact; no log line holds a contact's personal data, and a
 * client's mistake is no warning for the operator.
 */
@QuarkusTest
class AuditLogTest {

    private static final String FIRST_NAME = "Zephyrine";
    private static final String LAST_NAME = "Quillfeather";
    private static final String EMAIL = "zephyrine.quillfeather@audit.example";
    private static final String PHONE = "+41 79 555 12 34";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getLevel() + " " + record.getLoggerName() + " " + ((ExtLogRecord) record).getFormattedMessage()
                    + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger root = Logger.getLogger("");

    @BeforeEach
    void captureLog() {
        root.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        root.removeHandler(capture);
    }

    @Test
    void writes_are_logged_with_subject_action_and_id_and_never_with_personal_data() {
        String writer = "Bearer " + TestTokens.token().subject("auditor-42").sign();
        String body = """
                {"firstName":"%s","lastName":"%s","email":"%s","phone":"%s"}""".formatted(FIRST_NAME, LAST_NAME, EMAIL,
                PHONE);
        long id = given().header("Authorization", writer).contentType(ContentType.JSON).body(body).post("/api/contacts")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        given().header("Authorization", writer).contentType(ContentType.JSON).body(body).post("/api/contacts").then()
                .statusCode(409);
        given().header("Authorization", writer).contentType(ContentType.JSON)
                .body(body.replace(FIRST_NAME, FIRST_NAME + "\u0000")).post("/api/contacts").then().statusCode(400);
        given().header("Authorization", writer).queryParam("q", LAST_NAME).get("/api/contacts").then().statusCode(200);
        given().header("Authorization", writer).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(body.replace(LAST_NAME, LAST_NAME + "-Renamed")).put("/api/contacts/{id}", id).then()
                .statusCode(200);
        given().header("Authorization", writer).header("If-Match", "\"1\"").delete("/api/contacts/{id}", id).then()
                .statusCode(204);

        assertThat(lines).anySatisfy(line -> assertThat(line).contains("INFO", "auditor-42 created contact " + id))
                .anySatisfy(line -> assertThat(line).contains("INFO", "auditor-42 replaced contact " + id))
                .anySatisfy(line -> assertThat(line).contains("INFO", "auditor-42 deleted contact " + id))
                .allSatisfy(line -> assertThat(line).doesNotContain(FIRST_NAME, LAST_NAME, EMAIL, PHONE, "555 12 34"));
    }

    @Test
    void a_taken_email_answers_409_without_a_warning_in_the_log() {
        String writer = "Bearer " + TestTokens.token().subject("auditor-43").sign();
        String body = """
                {"firstName":"Taken","lastName":"Twice","email":"taken.twice@audit.example"}""";
        given().header("Authorization", writer).contentType(ContentType.JSON).body(body).post("/api/contacts").then()
                .statusCode(201);
        given().header("Authorization", writer).contentType(ContentType.JSON).body(body.replace("taken", "TAKEN"))
                .post("/api/contacts").then().statusCode(409);

        assertThat(lines).isNotEmpty().noneSatisfy(line -> assertThat(line).startsWith("WARN"))
                .noneSatisfy(line -> assertThat(line).startsWith("ERROR"));
    }
}
