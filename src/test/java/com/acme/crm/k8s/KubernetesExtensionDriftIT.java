package com.acme.crm.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * k8s/ is written by hand and is the only deployment source; the manifests quarkus-kubernetes writes to
 * target/kubernetes at package time are never applied. They are used here for what the extension knows best: the HTTP
 * port and health endpoints the built application really has. If the application moves them, this fails until k8s/
 * follows.
 */
@RequiresKubectl
class KubernetesExtensionDriftIT {

    private static final Path GENERATED = Path.of("target/kubernetes/kubernetes.yml");

    @Test
    void the_hand_written_api_container_uses_the_port_and_probes_the_build_generates() throws IOException {
        List<JsonNode> generated = Manifests.readYaml(Files.readString(GENERATED));
        JsonNode generatedContainer = generated.stream()
                .filter(object -> object.path("kind").asText().equals("Deployment")).findFirst()
                .map(deployment -> deployment.at("/spec/template/spec/containers/0"))
                .orElseThrow(() -> new AssertionError("quarkus-kubernetes generated no Deployment in " + GENERATED));
        JsonNode api = Manifests.container(Manifests.render(Manifests.K8S.resolve("base")).apiDeployment(), "api");

        assertThat(ports(api)).isEqualTo(ports(generatedContainer));
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertThat(api.path(probe).at("/httpGet/path").asText()).as(probe)
                    .isEqualTo(generatedContainer.path(probe).at("/httpGet/path").asText());
            assertThat(portNumber(api, api.path(probe).at("/httpGet/port").asText())).as(probe)
                    .isEqualTo(portNumber(generatedContainer, generatedContainer.path(probe).at("/httpGet/port").asText()));
        }
    }

    /** A probe's port as a number, whether the probe names the container's port or gives its number. */
    private static String portNumber(JsonNode container, String port) {
        return Manifests.elements(container.path("ports")).filter(named -> named.path("name").asText().equals(port))
                .map(named -> named.path("containerPort").asText()).findFirst().orElse(port);
    }

    /** Each port as name:number. */
    private static java.util.Set<String> ports(JsonNode container) {
        return Manifests.elements(container.path("ports"))
                .map(port -> port.path("name").asText() + ":" + port.path("containerPort").asInt())
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void the_build_generates_no_migration_job_of_its_own() throws IOException {
        // Quarkus's Flyway init task would add a Job with a fixed name, which cannot be re-applied
        // with a new image (quarkusio/quarkus#33829): application.properties switches it off.
        assertThat(Manifests.readYaml(Files.readString(GENERATED))).extracting(object -> object.path("kind").asText())
                .doesNotContain("Job");
    }
}
