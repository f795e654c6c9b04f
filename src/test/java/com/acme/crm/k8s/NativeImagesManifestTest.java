package com.acme.crm.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.kubernetes.client.custom.Quantity;

/** The prod overlay with the native component: the native images of the release, sized for them. */
@RequiresKubectl
class NativeImagesManifestTest {

    @TempDir
    Path copy;

    @Test
    void the_native_component_selects_the_native_images_of_the_release_with_smaller_resources() throws IOException {
        Manifests jvm = Manifests.overlay("prod");
        Path prod = Manifests.copyOfK8s(copy).resolve("overlays/prod");
        Path kustomization = prod.resolve("kustomization.yaml");
        Files.writeString(kustomization, Files.readString(kustomization).replace("  - ../../components/release\n",
                "  - ../../components/release\n  - ../../components/native\n"));

        Manifests nativeImages = Manifests.render(prod);

        String version = Manifests.releaseVersion(Manifests.K8S);
        assertThat(Manifests.container(nativeImages.apiDeployment(), "api").path("image").asText())
                .isEqualTo("registry.example.com/acme/crm-service-api-native:" + version);
        assertThat(Manifests.container(nativeImages.apiDeployment(), "wait-for-schema").path("image").asText())
                .isEqualTo("registry.example.com/acme/crm-service-api-native:" + version);
        assertThat(Manifests.container(nativeImages.job(), "migrate").path("image").asText())
                .isEqualTo("registry.example.com/acme/crm-service-migrate-native:" + version);
        assertThat(memoryLimit(nativeImages.apiDeployment(), "api"))
                .isLessThan(memoryLimit(jvm.apiDeployment(), "api"));
        assertThat(memoryLimit(nativeImages.job(), "migrate")).isLessThan(memoryLimit(jvm.job(), "migrate"));
        assertThat(nativeImages.objects()).allSatisfy(
                object -> assertThatCode(() -> KubernetesSchema.validate(object)).doesNotThrowAnyException());
    }

    private static long memoryLimit(JsonNode workload, String container) {
        return Quantity.fromString(Manifests.container(workload, container).at("/resources/limits/memory").asText())
                .getNumber().longValue();
    }
}
