package com.acme.crm.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Least exposure in Kubernetes: the Service exposes only the API's port; the API takes requests only from labelled
 * clients or the ingress controller, its management port only from monitoring; the pods talk to DNS and PostgreSQL
 * only (and, in prod, to the token issuer over HTTPS); nothing talks to the migration Job.
 */
@RequiresKubectl
class NetworkExposureTest {

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void the_service_exposes_only_the_api_port(String overlay) {
        JsonNode service = Manifests.overlay(overlay).one("Service", "crm-api");

        assertThat(Manifests.elements(service.at("/spec/ports")).map(port -> port.path("targetPort").asText()))
                .containsExactly("http");
    }

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void the_api_takes_requests_from_clients_and_monitoring_only_on_their_own_ports(String overlay) {
        List<JsonNode> rules = ingressRules(Manifests.overlay(overlay), "crm-api");

        assertThat(rules).extracting(rule -> ports(rule).toList()).containsExactlyInAnyOrder(List.of("http"),
                List.of("management"));
        assertThat(rules).allSatisfy(rule -> assertThat(rule.path("from").isEmpty()).as("a rule without from admits"
                + " everyone").isFalse());
        JsonNode management = rules.stream().filter(rule -> ports(rule).toList().equals(List.of("management")))
                .findFirst().orElseThrow();
        assertThat(Manifests.elements(management.path("from")))
                .extracting(peer -> peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .containsExactly("monitoring");
    }

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void nothing_talks_to_the_migration_job(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);

        assertThat(policiesFor(manifests, "crm-migrate", "Ingress")).isNotEmpty();
        assertThat(ingressRules(manifests, "crm-migrate")).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void the_pods_talk_to_dns_and_postgresql_only(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        boolean issuerByUrl = manifests.one("ConfigMap", "crm-config").at("/data/MP_JWT_VERIFY_PUBLICKEY_LOCATION")
                .asText().startsWith("https://");

        for (String workload : List.of("crm-api", "crm-migrate")) {
            List<String> ports = policiesFor(manifests, workload, "Egress")
                    .flatMap(policy -> Manifests.elements(policy.at("/spec/egress"))).flatMap(NetworkExposureTest::ports)
                    .distinct().sorted().toList();
            List<String> allowed = workload.equals("crm-api") && issuerByUrl ? List.of("443", "53", "5432")
                    : List.of("53", "5432");
            assertThat(ports).as(workload).isEqualTo(allowed);
        }
    }

    @Test
    void dns_is_reached_in_kube_system_only() {
        JsonNode egress = Manifests.overlay("prod").one("NetworkPolicy", "crm-egress");
        JsonNode dns = Manifests.elements(egress.at("/spec/egress")).filter(rule -> ports(rule).anyMatch("53"::equals))
                .findFirst().orElseThrow();

        assertThat(dns.at("/to/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("kube-system");
    }

    /** The NetworkPolicies that select a workload's pods and have the policy type. */
    private static Stream<JsonNode> policiesFor(Manifests manifests, String workload, String type) {
        JsonNode labels = manifests.workloads().filter(w -> w.at("/spec/template/metadata/labels/app.kubernetes.io~1name")
                .asText().equals(workload)).findFirst().orElseThrow().at("/spec/template/metadata/labels");
        return manifests.ofKind("NetworkPolicy").filter(policy -> selects(policy.at("/spec/podSelector"), labels))
                .filter(policy -> Manifests.elements(policy.at("/spec/policyTypes")).anyMatch(t -> t.asText().equals(type)));
    }

    private static List<JsonNode> ingressRules(Manifests manifests, String workload) {
        return policiesFor(manifests, workload, "Ingress").flatMap(policy -> Manifests.elements(policy.at("/spec/ingress")))
                .toList();
    }

    private static Stream<String> ports(JsonNode rule) {
        return Manifests.elements(rule.path("ports")).map(port -> port.path("port").asText());
    }

    /** Whether a label selector (matchLabels and In expressions) selects pods with the labels. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        boolean byLabels = selector.path("matchLabels").properties().stream()
                .allMatch(label -> labels.path(label.getKey()).equals(label.getValue()));
        boolean byExpressions = Manifests.elements(selector.path("matchExpressions"))
                .allMatch(expression -> expression.path("operator").asText().equals("In")
                        && Manifests.elements(expression.path("values")).anyMatch(
                                value -> value.equals(labels.path(expression.path("key").asText()))));
        return byLabels && byExpressions;
    }
}
