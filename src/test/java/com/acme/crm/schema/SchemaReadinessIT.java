package com.acme.crm.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.acme.crm.testsupport.Await;
import com.acme.crm.testsupport.CommandProcesses;
import com.acme.crm.testsupport.FreePort;
import com.acme.crm.testsupport.PostgresServer;
import com.acme.crm.testsupport.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code serve} is ready only on a schema that holds every migration of its build, newer ones included. */
class SchemaReadinessIT {

    @RegisterExtension
    final CommandProcesses processes = new CommandProcesses();

    final TestDatabase db = TestDatabase.create();

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void new_code_on_an_old_schema_is_not_ready_until_migrated() throws Exception {
        db.migrateTo("2");
        URI ready = serve();

        HttpResponse<String> before = awaitResponse(ready);
        assertThat(before.statusCode()).isEqualTo(503);
        JsonNode schema = schemaCheck(before);
        assertThat(schema.get("status").asText()).isEqualTo("DOWN");
        assertThat(schema.at("/data/currentVersion").asText()).isEqualTo("2");
        assertThat(schema.at("/data/expectedVersion").asText()).isEqualTo("3");

        assertThat(processes.app(db.twoRoleEnv()).run("migrate").exitCode()).isZero();

        HttpResponse<String> after = http.send(HttpRequest.newBuilder(ready).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(schemaCheck(after).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void old_code_on_a_schema_extended_by_a_newer_release_stays_ready() throws Exception {
        processes.writeFixtureMigration("V4__add_contact_nickname.sql",
                "alter table contact add column nickname varchar(50);\n");
        assertThat(processes.fixtureApp(db.twoRoleEnv()).run("migrate").exitCode()).isZero();

        HttpResponse<String> response = awaitResponse(serve());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode schema = schemaCheck(response);
        assertThat(schema.at("/data/currentVersion").asText()).isEqualTo("4");
        assertThat(schema.at("/data/expectedVersion").asText()).isEqualTo("3");
    }

    /** Starts the API of this build, connected with the application role only, as in production. */
    private URI serve() throws IOException {
        int port = FreePort.find();
        processes.app(db.singleRoleEnv(PostgresServer.APP)).env("QUARKUS_HTTP_PORT", String.valueOf(port))
                .start("serve");
        return URI.create("http://localhost:" + port + "/q/health/ready");
    }

    private HttpResponse<String> awaitResponse(URI uri) throws Exception {
        AtomicReference<HttpResponse<String>> response = new AtomicReference<>();
        Await.until("answering " + uri, Duration.ofSeconds(60), () -> {
            try {
                response.set(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
                return true;
            } catch (IOException notListeningYet) {
                return false;
            }
        });
        return response.get();
    }

    private static JsonNode schemaCheck(HttpResponse<String> response) throws IOException {
        for (JsonNode check : new ObjectMapper().readTree(response.body()).get("checks")) {
            if (check.get("name").asText().equals("Database schema")) {
                return check;
            }
        }
        throw new AssertionError("No schema check in " + response.body());
    }
}
