package com.acme.crm.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.acme.crm.testsupport.CommandProcess;
import com.acme.crm.testsupport.CommandProcesses;
import com.acme.crm.testsupport.PostgresServer;
import com.acme.crm.testsupport.ServedApi;
import com.acme.crm.testsupport.TestDatabase;

/**
 * Real releases under real load, as docs/migrations.md tells an operator to run them: release N serves while release
 * N+1 migrates, N+1 starts and N stops; a failed N+1 migration that N outlives, and its recovery; an instance stopped
 * under load; and connection settings that cannot work. Release N is the build as it ships, release N+1 the same code
 * with the next migrations (the fixture build). Prints a table of what each step cost the clients.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseRehearsalIT {

    private static final int REQUESTS_PER_SECOND = 200;
    private static final List<String> TABLE = new ArrayList<>();

    @RegisterExtension
    final CommandProcesses processes = new CommandProcesses();

    final TestDatabase db = TestDatabase.create();

    @Test
    @Order(1)
    void release_n_plus_1_migrates_under_load_then_takes_over_without_a_failed_request() throws Exception {
        seedAndServeReleaseN();
        ServedApi releaseN = serve(processes.app(apiEnv()));
        try (SteadyLoad load = new SteadyLoad(REQUESTS_PER_SECOND, 8)) {
            load.add(releaseN);
            load.start();
            Thread.sleep(3_000);
            load.window();

            writeReleaseNPlus1Migrations();
            CommandProcess.Result migrate;
            try (Connection dump = openDumpLikeTransaction()) {
                CommandProcess running = processes.fixtureApp(db.twoRoleEnv()).start("migrate");
                running.awaitOutput("Applying version 7", Duration.ofSeconds(60));
                Thread.sleep(20_000);
                dump.commit();
                migrate = running.awaitExit(Duration.ofMinutes(2));
            }
            SteadyLoad.Window duringMigration = load.window();
            assertThat(migrate.exitCode()).as(migrate.output()).isZero();
            record("1 N serves while N+1 migrates (20 s transaction open)", duringMigration, "");

            ServedApi releaseNPlus1 = serve(processes.fixtureApp(apiEnv()));
            load.add(releaseNPlus1);
            awaitInRotation(load, releaseNPlus1);
            releaseN.process().terminate();
            CommandProcess.Result stopped = releaseN.process().awaitExit(Duration.ofSeconds(40));
            Thread.sleep(2_000);
            SteadyLoad.Window takeover = load.window();
            record("1 N+1 starts, N stops on SIGTERM", takeover, "N exit " + stopped.exitCode());

            assertThat(duringMigration.failures()).isEmpty();
            assertThat(takeover.failures()).isEmpty();
            assertThat(stopped.exitCode()).as("stopped by SIGTERM").isIn(0, CommandProcess.SIGTERM_EXIT);
        }
        // The backfill reached every row that existed when it ran; rows that release N inserted meanwhile have none,
        // as expand/contract expects, until release N+1's code writes the column.
        assertThat(db.query("select count(*) from contact where nickname is null and id <= 2000")).containsExactly("0");
        assertThat(db.query("select indisvalid from pg_index where indexrelid = 'contact_nickname_idx'::regclass"))
                .containsExactly("t");
    }

    @Test
    @Order(2)
    void a_failed_migration_of_n_plus_1_leaves_n_serving_and_the_documented_recovery_brings_n_plus_1_up()
            throws Exception {
        seedAndServeReleaseN();
        ServedApi releaseN = serve(processes.app(apiEnv()));
        try (SteadyLoad load = new SteadyLoad(REQUESTS_PER_SECOND, 8);
                ReadinessWatch watch = new ReadinessWatch(releaseN)) {
            load.add(releaseN);
            load.start();
            Thread.sleep(3_000);
            load.window();

            writeNonTransactional("V5__index_contact_nickname.sql",
                    "create index concurrently if not exists contact_nickname_idx on contact (nickname);\n");
            CommandProcess.Result failed = processes.fixtureApp(db.twoRoleEnv()).run("migrate");
            assertThat(failed.exitCode()).isEqualTo(1);
            long waitStarted = System.nanoTime();
            CommandProcess.Result newWait = processes.fixtureApp(apiEnv()).run("wait");
            long waitMillis = (System.nanoTime() - waitStarted) / 1_000_000;
            Thread.sleep(3_000);
            SteadyLoad.Window failure = load.window();
            record("2 N+1 migration fails; N serves", failure, "N readiness non-200: %d; N+1 wait exit %d in %d ms"
                    .formatted(watch.notReady(), newWait.exitCode(), waitMillis));
            assertThat(failure.failures()).isEmpty();
            assertThat(watch.notReady()).isZero();
            assertThat(newWait.exitCode()).isEqualTo(1);
            assertThat(newWait.output()).contains("migration 5 of this build is recorded as failed");
            // At once rather than at the 50-minute wait deadline; the bound leaves room for a JVM start on a busy machine.
            assertThat(waitMillis).isLessThan(60_000);

            // The documented recovery: fix the migration in a new build, repair, migrate.
            writeNonTransactional("V5__index_contact_nickname.sql",
                    "alter table contact add column if not exists nickname varchar(50);\n"
                            + "create index concurrently if not exists contact_nickname_idx on contact (nickname);\n");
            assertThat(processes.fixtureApp(db.twoRoleEnv()).run("repair").exitCode()).isZero();
            assertThat(processes.fixtureApp(db.twoRoleEnv()).run("migrate").exitCode()).isZero();
            assertThat(processes.fixtureApp(apiEnv()).run("wait").exitCode()).isZero();
            ServedApi releaseNPlus1 = serve(processes.fixtureApp(apiEnv()));
            load.add(releaseNPlus1);
            awaitInRotation(load, releaseNPlus1);
            releaseN.process().terminate();
            releaseN.process().awaitExit(Duration.ofSeconds(40));
            SteadyLoad.Window recovery = load.window();
            record("2 fix in a new build, repair, migrate; N+1 takes over", recovery, "");
            assertThat(recovery.failures()).isEmpty();
        }
    }

    @Test
    @Order(3)
    void sigterm_to_one_of_two_serving_instances_fails_no_request() throws Exception {
        seedAndServeReleaseN();
        ServedApi first = serve(processes.app(apiEnv()));
        ServedApi second = serve(processes.app(apiEnv()));
        try (SteadyLoad load = new SteadyLoad(REQUESTS_PER_SECOND, 8)) {
            load.add(first);
            load.add(second);
            load.start();
            awaitInRotation(load, first);
            awaitInRotation(load, second);
            Thread.sleep(3_000);
            load.window();

            first.process().terminate();
            CommandProcess.Result stopped = first.process().awaitExit(Duration.ofSeconds(40));
            Thread.sleep(2_000);
            SteadyLoad.Window shutdown = load.window();
            record("3 SIGTERM to one of two instances", shutdown, "exit " + stopped.exitCode());
            assertThat(shutdown.failures()).isEmpty();
            assertThat(stopped.exitCode()).as("stopped by SIGTERM").isIn(0, CommandProcess.SIGTERM_EXIT);
        }
    }

    @Test
    @Order(4)
    void wrong_credentials_and_a_missing_database_end_wait_and_migrate_at_once() throws Exception {
        db.migrateTo("4");
        // Deadlines far above the bound below, so that only failing at once can meet it, even on a busy machine.
        Map<String, String> patient = new HashMap<>(db.twoRoleEnv());
        patient.put("CRM_MIGRATION_CONNECT_DEADLINE", "10m");
        patient.put("CRM_MIGRATION_WAIT_DEADLINE", "10m");
        Map<String, String> wrongPassword = new HashMap<>(patient);
        wrongPassword.replaceAll((name, value) -> name.endsWith("_PASSWORD") ? "wrong" : value);
        Map<String, String> missingDatabase = new HashMap<>(patient);
        missingDatabase.put("QUARKUS_DATASOURCE_JDBC_URL", TestDatabase.jdbcUrl(port(), "no_such_database"));
        for (String command : List.of("wait", "migrate")) {
            for (Map.Entry<String, Map<String, String>> problem : Map
                    .of("wrong password", wrongPassword, "missing database", missingDatabase).entrySet()) {
                long started = System.nanoTime();
                CommandProcess.Result result = processes.app(problem.getValue()).run(command);
                long millis = (System.nanoTime() - started) / 1_000_000;
                TABLE.add("%-58s exit %d in %d ms".formatted("4 " + command + ", " + problem.getKey(),
                        result.exitCode(), millis));
                assertThat(result.exitCode()).as(result.output()).isEqualTo(7);
                assertThat(millis).isLessThan(60_000);
            }
        }
    }

    @AfterAll
    static void printTable() {
        System.out.printf(
                "%nRelease rehearsal (%d requests/s, GET/POST/PUT with If-Match)%n%-58s %8s %8s %8s %8s%n%s%n",
                REQUESTS_PER_SECOND, "step", "requests", "per s", "failed", "p99 ms", String.join("\n", TABLE));
    }

    private void seedAndServeReleaseN() throws Exception {
        db.migrateTo("4");
        db.execute("insert into contact (id, first_name, last_name, email, created_at, updated_at, version)"
                + " select i, 'Seed' || i, 'Contact' || i, 'seed' || i || '@example.com', now(), now(), 0"
                + " from generate_series(1, 2000) i", "select setval('contact_seq', 3000)");
    }

    /** Release N+1: a column, its backfill in batches, and an index on it: expand only. */
    private void writeReleaseNPlus1Migrations() throws Exception {
        processes.writeFixtureMigration("V5__add_contact_nickname.sql", """
                set lock_timeout = '${lock_timeout}';
                alter table contact add column nickname varchar(50);
                """);
        writeNonTransactional("V6__backfill_contact_nickname.sql", """
                do $$
                declare
                    updated integer;
                begin
                    loop
                        update contact set nickname = first_name
                        where id in (select id from contact where nickname is null limit 500);
                        get diagnostics updated = row_count;
                        commit;
                        exit when updated = 0;
                    end loop;
                end
                $$;
                """);
        writeNonTransactional("V7__index_contact_nickname.sql",
                "create index concurrently if not exists contact_nickname_idx on contact (nickname);\n");
    }

    private void writeNonTransactional(String name, String sql) throws Exception {
        processes.writeFixtureMigration(name, sql);
        processes.writeFixtureMigration(name + ".conf", "executeInTransaction=false\n");
    }

    /** A snapshot held open, as pg_dump holds one: CREATE INDEX CONCURRENTLY must outwait it. */
    private Connection openDumpLikeTransaction() throws Exception {
        Connection connection = db.connectAsOwner();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement s = connection.createStatement()) {
            s.executeQuery("select count(*) from flyway_schema_history").close();
        }
        return connection;
    }

    private Map<String, String> apiEnv() {
        return db.singleRoleEnv(PostgresServer.APP);
    }

    private int port() {
        String url = db.jdbcUrl();
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.lastIndexOf('/')));
    }

    private static ServedApi serve(CommandProcesses.Launcher launcher) throws Exception {
        ServedApi api = launcher.serve();
        api.awaitReadiness(200, Duration.ofSeconds(60));
        return api;
    }

    private static void awaitInRotation(SteadyLoad load, ServedApi instance) throws Exception {
        com.acme.crm.testsupport.Await.until("in rotation", Duration.ofSeconds(30), () -> load.inRotation(instance));
    }

    private static void record(String step, SteadyLoad.Window window, String note) {
        TABLE.add("%-58s %8d %8.0f %8d %8d   %s".formatted(step, window.requests(), window.perSecond(), window.failed(),
                window.p99Millis(), note));
    }

    /** Polls an instance's readiness every 250 ms and counts the answers that were not 200. */
    private static final class ReadinessWatch implements AutoCloseable {

        private final AtomicInteger notReady = new AtomicInteger();
        private final Thread thread;

        ReadinessWatch(ServedApi instance) {
            thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        if (instance.readiness().statusCode() != 200) {
                            notReady.incrementAndGet();
                        }
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        notReady.incrementAndGet();
                    }
                }
            });
            thread.start();
        }

        int notReady() {
            return notReady.get();
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }
    }
}
