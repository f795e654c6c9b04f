package com.acme.crm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.acme.crm.testsupport.Await;
import com.acme.crm.testsupport.CommandProcess;
import com.acme.crm.testsupport.CommandProcesses;
import com.acme.crm.testsupport.PostgresServer;
import com.acme.crm.testsupport.ServedApi;
import com.acme.crm.testsupport.TestDatabase;

/**
 * The packaged API in production shape (application role only, Flyway reading the schema for readiness) with a pool of
 * one connection, held by a request that waits for a row lock: readiness still answers, the next request gets a 503 to
 * retry, a lock wait longer than the migrations' lock timeout still succeeds, and SIGTERM drains it.
 */
class ServingUnderPressureIT {

    private static final String CONTACT = """
            {"firstName":"Ada","lastName":"King","email":"ada@example.com"}""";

    @RegisterExtension
    final CommandProcesses processes = new CommandProcesses();

    final TestDatabase db = TestDatabase.create();

    ServedApi api;

    @BeforeEach
    void serveWithAPoolOfOne() throws Exception {
        db.migrateTo("4");
        db.execute("insert into contact (id, first_name, last_name, email, created_at, updated_at, version)"
                + " values (1, 'Ada', 'Lovelace', 'ada@example.com', now(), now(), 0)");
        api = processes.app(db.singleRoleEnv(PostgresServer.APP)).env("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "1")
                .env("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "1s").env("CRM_READINESS_REFRESH_INTERVAL", "1s")
                .serve();
        api.awaitReadiness(200, Duration.ofSeconds(30));
    }

    @Test
    void a_busy_pool_leaves_readiness_up_answers_503_to_retry_and_lets_a_long_lock_wait_finish() throws Exception {
        CompletableFuture<HttpResponse<String>> blocked;
        try (Connection holder = lockContactRow()) {
            blocked = putContact();
            awaitRequestWaitingForTheRowLock();

            long started = System.nanoTime();
            HttpResponse<String> readiness = api.readiness();
            long readinessMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
            assertThat(readinessMillis).as("readiness answers from memory").isLessThan(1_000);

            HttpResponse<String> crowdedOut = api.get("/api/contacts/1");
            assertThat(crowdedOut.statusCode()).as(crowdedOut.body()).isEqualTo(503);
            assertThat(crowdedOut.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(crowdedOut.headers().firstValue("Content-Type")).hasValue("application/problem+json");

            // Longer than the migrations' 5 s lock_timeout, which must never reach an API connection.
            Thread.sleep(6_000);
            holder.commit();
        }
        HttpResponse<String> put = blocked.get(30, TimeUnit.SECONDS);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(api.process().output()).doesNotContain(" ERROR ");
    }

    @Test
    void sigterm_takes_the_instance_out_of_readiness_first_and_finishes_the_requests_in_flight() throws Exception {
        CompletableFuture<HttpResponse<String>> inFlight;
        try (Connection holder = lockContactRow()) {
            inFlight = putContact();
            awaitRequestWaitingForTheRowLock();

            api.process().terminate();

            assertThat(api.awaitReadiness(503, Duration.ofSeconds(2)).body()).contains("Graceful Shutdown");
            // Past the 5 s shutdown delay: the server takes no new requests, and drains the one in flight.
            Thread.sleep(7_000);
            holder.commit();
        }
        HttpResponse<String> put = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        CommandProcess.Result stopped = api.process().awaitExit(Duration.ofSeconds(40));
        assertThat(stopped.exitCode()).as("stopped by SIGTERM").isIn(0, CommandProcess.SIGTERM_EXIT);
        assertThat(stopped.output()).contains("stopped in");
    }

    private Connection lockContactRow() throws Exception {
        Connection connection = db.connectAsOwner();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("select * from contact where id = 1 for update");
        }
        return connection;
    }

    private CompletableFuture<HttpResponse<String>> putContact() {
        HttpRequest put = api.request("/api/contacts/1").timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("If-Match", "\"0\"")
                .PUT(HttpRequest.BodyPublishers.ofString(CONTACT)).build();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return api.send(put);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Until the API's only pooled connection waits for the row lock (pg_locks shows every role's waits). */
    private void awaitRequestWaitingForTheRowLock() throws Exception {
        Await.until("the PUT waiting for the row lock", Duration.ofSeconds(30),
                () -> !db.query("select pid from pg_locks where not granted").isEmpty());
    }
}
