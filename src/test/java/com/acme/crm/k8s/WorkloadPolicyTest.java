package com.acme.crm.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The rules every workload follows, and the objects that select pods select the right ones. */
@RequiresKubectl
class WorkloadPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void every_container_runs_locked_down_with_requests_limits_and_a_pinned_image(String overlay) {
        List<JsonNode> workloads = Manifests.overlay(overlay).workloads().toList();

        assertThat(workloads).allSatisfy(workload -> {
            JsonNode pod = Manifests.podSpec(workload);
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as("service account token").isFalse();
            assertThat(Manifests.containers(workload)).allSatisfy(container -> {
                JsonNode security = container.path("securityContext");
                assertThat(effective(pod, container, "runAsNonRoot").asBoolean()).as("runAsNonRoot").isTrue();
                assertThat(effective(pod, container, "seccompProfile").path("type").asText())
                        .isEqualTo("RuntimeDefault");
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as("readOnlyRootFilesystem").isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as("allowPrivilegeEscalation")
                        .isFalse();
                assertThat(Manifests.elements(security.at("/capabilities/drop")).map(JsonNode::asText)).contains("ALL");
                assertThat(Stream.of("requests", "limits")
                        .flatMap(bound -> Stream.of("cpu", "memory")
                                .map(resource -> container.path("resources").path(bound).path(resource))))
                        .as("cpu and memory requests and limits")
                        .allSatisfy(quantity -> assertThat(quantity.asText()).isNotBlank());
                assertThat(Manifests.imageTag(container)).isNotBlank().isNotEqualTo("latest");
            });
        });
    }

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void the_api_rolls_out_without_losing_capacity_and_waits_for_its_schema_first(String overlay) {
        JsonNode api = Manifests.overlay(overlay).apiDeployment();
        JsonNode wait = Manifests.podSpec(api).path("initContainers");

        assertThat(api.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(api.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(-1)).isZero();
        assertThat(wait).singleElement().satisfies(init -> {
            assertThat(init.path("image")).isEqualTo(Manifests.container(api, "api").path("image"));
            assertThat(init.path("args")).isEqualTo(JSON.valueToTree(List.of("wait")));
        });
    }

    @Test
    void prod_runs_at_least_three_api_replicas() {
        assertThat(Manifests.overlay("prod").apiDeployment().at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void the_migration_job_runs_once_within_bounds_and_cleans_up_after_itself(String overlay) {
        JsonNode job = Manifests.overlay(overlay).job();

        assertThat(Manifests.podSpec(job).path("restartPolicy").asText()).isEqualTo("Never");
        assertThat(Stream.of("backoffLimit", "activeDeadlineSeconds", "ttlSecondsAfterFinished")
                .map(field -> job.path("spec").path(field)))
                .allSatisfy(bound -> assertThat(bound.asInt()).isPositive());
        assertThat(Manifests.container(job, "migrate").path("image").asText()).contains("crm-service-migrate:");
        assertThat(Manifests.container(job, "migrate").path("args")).isEqualTo(JSON.valueToTree(List.of("migrate")));
    }

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void the_service_and_the_disruption_budget_select_the_api_pods(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        JsonNode apiPods = manifests.apiDeployment().at("/spec/template/metadata/labels");
        JsonNode service = manifests.one("Service", "crm-api");

        assertThat(selects(service.at("/spec/selector"), apiPods)).isTrue();
        assertThat(selects(manifests.one("PodDisruptionBudget", "crm-api").at("/spec/selector/matchLabels"), apiPods))
                .isTrue();
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    }

    @Test
    void in_dev_only_the_api_and_the_migration_reach_the_database() {
        Manifests dev = Manifests.overlay("dev");
        JsonNode postgres = dev.one("StatefulSet", "postgres");
        JsonNode policy = dev.one("NetworkPolicy", "postgres");
        List<JsonNode> admitted = Manifests.elements(policy.at("/spec/ingress"))
                .flatMap(rule -> Manifests.elements(rule.path("from"))).toList();

        assertThat(selects(policy.at("/spec/podSelector/matchLabels"), postgres.at("/spec/template/metadata/labels")))
                .isTrue();
        assertThat(Manifests.elements(policy.at("/spec/policyTypes")).map(JsonNode::asText)).containsExactly("Ingress");
        assertThat(admitted)
                .allSatisfy(peer -> assertThat(peer.fieldNames()).toIterable().containsExactly("podSelector"));
        assertThat(dev.workloads().filter(workload -> admitted.stream().anyMatch(
                peer -> selects(peer.at("/podSelector/matchLabels"), workload.at("/spec/template/metadata/labels"))))
                .map(Manifests::name)).containsExactlyInAnyOrder("crm-api", Manifests.name(dev.job()));
    }

    @Test
    void dev_keeps_the_database_on_a_persistent_volume_of_a_pinned_postgres_major() {
        JsonNode postgres = Manifests.overlay("dev").one("StatefulSet", "postgres");

        assertThat(postgres.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(Manifests.container(postgres, "postgres").path("image").asText()).matches("postgres:\\d+");
        assertThat(postgres.at("/spec/volumeClaimTemplates/0/metadata/name").asText()).isEqualTo("data");
        assertThat(Manifests.container(postgres, "postgres").path("volumeMounts").findValuesAsText("name"))
                .contains("data");
    }

    /** A securityContext field as it applies to a container: its own value, else the pod's. */
    private static JsonNode effective(JsonNode pod, JsonNode container, String field) {
        JsonNode own = container.path("securityContext").path(field);
        return own.isMissingNode() ? pod.path("securityContext").path(field) : own;
    }

    /** Whether a matchLabels-style selector (non-empty) matches a set of labels. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        return !selector.isEmpty() && selector.properties().stream()
                .allMatch(label -> labels.path(label.getKey()).equals(label.getValue()));
    }
}
