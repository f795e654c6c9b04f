package com.acme.crm.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class UnexpectedErrorTest {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger(Problem.class.getName());

    @BeforeEach
    void captureLog() {
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
    }

    @Test
    void an_unexpected_error_answers_a_generic_500_whose_correlation_id_leads_to_the_stack_trace_in_the_log() {
        String body = given().when().get("/test/failure").then().statusCode(500).contentType("application/problem+json")
                .body("title", equalTo("Internal Server Error")).body("correlationId", matchesPattern("[0-9a-f-]{36}"))
                .extract().asString();
        String correlationId = JsonPath.from(body).getString("correlationId");

        assertThat(body).doesNotContain(FailingResource.SECRET, "IllegalStateException", "at com.");
        assertThat(records).anySatisfy(record -> {
            assertThat(((ExtLogRecord) record).getFormattedMessage()).contains(correlationId);
            assertThat(record.getThrown()).hasMessage(FailingResource.SECRET);
        });
    }
}
