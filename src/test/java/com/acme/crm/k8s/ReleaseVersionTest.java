package com.acme.crm.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One version per release, set in the release component's release.yaml, reaches every image and the migration Job's name, so
 * applying the next release creates a new Job rather than changing the immutable template of the last one (the `field
 * is immutable` failure).
 */
@RequiresKubectl
class ReleaseVersionTest {

    @TempDir
    Path copy;

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void the_job_the_init_container_and_the_api_run_the_release_version(String overlay) {
        String version = Manifests.releaseVersion(Manifests.K8S);
        Manifests manifests = Manifests.overlay(overlay);
        JsonNode job = manifests.job();
        JsonNode api = manifests.apiDeployment();

        assertThat(version).isNotBlank();
        assertThat(Stream.of(Manifests.container(job, "migrate"), Manifests.container(api, "wait-for-schema"),
                Manifests.container(api, "api")).map(Manifests::imageTag)).containsOnly(version);
        assertThat(Manifests.name(job)).isEqualTo("crm-migrate-" + version);
        assertThat(Stream.of(job, api).map(
                workload -> workload.at("/spec/template/metadata/labels").path("app.kubernetes.io/version").asText()))
                .containsOnly(version);
    }

    @Test
    void a_new_version_gets_a_new_job_and_new_images() throws IOException {
        Path k8s = copyOfK8s();
        Path prod = k8s.resolve("overlays/prod");
        String before = Manifests.name(Manifests.render(prod).job());

        setReleaseVersion(k8s, "1.1.0");
        Manifests next = Manifests.render(prod);

        assertThat(Manifests.name(next.job())).isNotEqualTo(before).isEqualTo("crm-migrate-1.1.0");
        assertThat(Manifests.container(next.job(), "migrate").path("image").asText())
                .isEqualTo("registry.example.com/acme/crm-service-migrate:1.1.0");
        assertThat(Manifests.container(next.apiDeployment(), "api").path("image").asText())
                .isEqualTo("registry.example.com/acme/crm-service-api:1.1.0");
    }

    @Test
    void a_configuration_change_within_a_release_leaves_the_job_as_it_is() throws IOException {
        Path prod = copyOfK8s().resolve("overlays/prod");
        JsonNode before = Manifests.render(prod).job();

        Path config = prod.resolve("config.yaml");
        Files.writeString(config,
                Files.readString(config).replace("crm-db.example.internal", "crm-db2.example.internal"));
        Manifests after = Manifests.render(prod);

        assertThat(after.one("ConfigMap", "crm-config").at("/data/QUARKUS_DATASOURCE_JDBC_URL").asText())
                .contains("crm-db2.example.internal");
        assertThat(after.job()).isEqualTo(before);
    }

    private Path copyOfK8s() throws IOException {
        return Manifests.copyOfK8s(copy);
    }

    private static void setReleaseVersion(Path k8s, String version) throws IOException {
        Path release = Manifests.releaseFile(k8s);
        String current = Manifests.releaseVersion(k8s);
        Files.writeString(release, Files.readString(release).replace("\"" + current + "\"", "\"" + version + "\""));
        assertThat(Manifests.releaseVersion(k8s)).isEqualTo(version);
    }
}
