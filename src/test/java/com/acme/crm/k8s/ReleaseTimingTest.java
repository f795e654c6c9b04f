package com.acme.crm.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.acme.crm.cli.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The deadlines of the manifests and of the application fit together: the Job outlasts what migrate may take, the init
 * container outwaits the Job, the grace period covers the graceful shutdown, and what retrying cannot fix fails the Job
 * at once.
 */
@RequiresKubectl
class ReleaseTimingTest {

    /** Time for the JVM to start and stop around the migrate deadlines. */
    private static final Duration START_AND_STOP = Duration.ofMinutes(1);

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void the_migration_job_outlasts_what_migrate_may_take(String overlay) {
        JsonNode job = Manifests.overlay(overlay).job();
        Map<String, String> env = plainEnvironment(Manifests.container(job, "migrate"));
        Duration migrateMayTake = ApplicationConfig.migrationSetting("connect-deadline", env)
                .plus(ApplicationConfig.migrationSetting("deadline", env)).plus(START_AND_STOP);

        assertThat(Duration.ofSeconds(job.at("/spec/activeDeadlineSeconds").asLong()))
                .isGreaterThanOrEqualTo(migrateMayTake);
    }

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void the_api_waits_for_its_schema_at_least_as_long_as_the_job_may_run(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        Map<String, String> env = plainEnvironment(Manifests.container(manifests.apiDeployment(), "wait-for-schema"));

        assertThat(ApplicationConfig.migrationSetting("wait-deadline", env))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(manifests.job().at("/spec/activeDeadlineSeconds").asLong()));
    }

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void the_grace_period_covers_the_shutdown_delay_and_the_drain(String overlay) {
        JsonNode pod = Manifests.podSpec(Manifests.overlay(overlay).apiDeployment());
        Duration shutdown = ApplicationConfig.duration("quarkus.shutdown.delay")
                .plus(ApplicationConfig.duration("quarkus.shutdown.timeout"));

        assertThat(ApplicationConfig.property("quarkus.shutdown.delay-enabled", "false")).isEqualTo("true");
        assertThat(Duration.ofSeconds(pod.path("terminationGracePeriodSeconds").asLong(30))).isGreaterThan(shutdown);
        assertThat(Manifests.containers(Manifests.overlay(overlay).apiDeployment()))
                .allSatisfy(container -> assertThat(container.at("/lifecycle/preStop").isMissingNode())
                        .as("the shutdown delay replaces a preStop sleep; adding one lengthens it").isTrue());
    }

    @Test
    void what_retrying_cannot_fix_fails_the_job_at_once_and_a_disruption_does_not_count() {
        JsonNode rules = Manifests.overlay("prod").job().at("/spec/podFailurePolicy/rules");

        assertThat(
                Manifests.elements(rules).filter(rule -> rule.path("action").asText().equals("FailJob"))
                        .flatMap(rule -> Manifests.elements(rule.at("/onExitCodes/values"))).map(JsonNode::asInt))
                .containsExactlyInAnyOrder(Stream
                        .of(ExitCode.USAGE, ExitCode.VALIDATION_FAILED, ExitCode.CANNOT_START,
                                ExitCode.DATABASE_REFUSED)
                        .map(exit -> exit.code).toArray(Integer[]::new));
        assertThat(Manifests.elements(rules).filter(rule -> rule.path("action").asText().equals("Ignore"))
                .flatMap(rule -> Manifests.elements(rule.path("onPodConditions")))
                .map(condition -> condition.path("type").asText())).containsExactly("DisruptionTarget");
    }

    @Test
    void every_container_that_connects_in_prod_mounts_the_ca_its_url_names() {
        Manifests prod = Manifests.overlay("prod");
        String url = prod.one("ConfigMap", "crm-config").at("/data/QUARKUS_DATASOURCE_JDBC_URL").asText();
        String caFile = url.replaceAll(".*[?&]sslrootcert=([^&]+).*", "$1");

        assertThat(url).contains("sslmode=verify-full");
        assertThat(prod.workloads().flatMap(Manifests::containers)
                .filter(container -> container.toString().contains("crm-config")))
                .isNotEmpty()
                .allSatisfy(container -> assertThat(Manifests.elements(container.path("volumeMounts"))
                        .map(mount -> mount.path("mountPath").asText()))
                        .anySatisfy(path -> assertThat(caFile).startsWith(path + "/")));
    }

    /** The variables a container sets to plain values (not from Secrets or ConfigMaps). */
    private static Map<String, String> plainEnvironment(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        Manifests.elements(container.path("env")).filter(variable -> variable.has("value"))
                .forEach(variable -> env.put(variable.path("name").asText(), variable.path("value").asText()));
        return env;
    }
}
