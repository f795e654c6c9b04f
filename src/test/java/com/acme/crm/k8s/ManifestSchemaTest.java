package com.acme.crm.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

/** Every overlay renders, and every object it renders is one the Kubernetes API would accept. */
@RequiresKubectl
class ManifestSchemaTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: example
            spec:
              selector:
                matchLabels: {app: example}
              template:
                metadata:
                  labels: {app: example}
                spec:
                  containers:
                    - name: example
                      image: example:1.0.0
                      env:
                        - name: EXAMPLE
                          value: "8080"
                      resources:
                        limits: {cpu: "0.5", memory: 256Mi}
            """;

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void every_rendered_object_is_valid_against_the_kubernetes_api_schema(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);

        assertThat(manifests.objects()).isNotEmpty();
        assertThat(manifests.objects()).allSatisfy(
                object -> assertThatCode(() -> KubernetesSchema.validate(object)).doesNotThrowAnyException());
    }

    @Test
    void the_validator_accepts_a_valid_object() {
        assertThatCode(() -> KubernetesSchema.validate(deployment(DEPLOYMENT))).doesNotThrowAnyException();
    }

    @Test
    void the_validator_rejects_an_unknown_field() {
        String misspelt = DEPLOYMENT.replace("      containers:", "      containerz: []\n      containers:");

        assertThatThrownBy(() -> KubernetesSchema.validate(deployment(misspelt))).hasMessageContaining("containerz");
    }

    @Test
    void the_validator_rejects_a_number_where_the_api_wants_a_string() {
        String unquoted = DEPLOYMENT.replace("value: \"8080\"", "value: 8080");

        assertThatThrownBy(() -> KubernetesSchema.validate(deployment(unquoted))).hasMessageContaining("/env/0/value");
    }

    @Test
    void the_validator_rejects_a_string_where_the_api_wants_a_number() {
        String quoted = DEPLOYMENT.replace("spec:\n  selector:", "spec:\n  replicas: \"3\"\n  selector:");

        assertThatThrownBy(() -> KubernetesSchema.validate(deployment(quoted))).hasMessageContaining("/spec/replicas");
    }

    @Test
    void the_validator_rejects_a_missing_required_field() {
        String anonymous = DEPLOYMENT.replace("- name: example\n          image:", "- image:");

        assertThatThrownBy(() -> KubernetesSchema.validate(deployment(anonymous)))
                .hasMessageContaining("required field `name`");
    }

    @Test
    void the_validator_rejects_a_kind_in_the_wrong_api_group() {
        String coreDeployment = DEPLOYMENT.replace("apiVersion: apps/v1", "apiVersion: v1");

        assertThatThrownBy(() -> KubernetesSchema.validate(deployment(coreDeployment)))
                .hasMessageContaining("v1 Deployment");
    }

    @Test
    void the_validator_rejects_a_name_the_api_server_would_refuse() {
        String upperCase = DEPLOYMENT.replace("name: example\nspec", "name: Example_1\nspec");

        assertThatThrownBy(() -> KubernetesSchema.validate(deployment(upperCase))).hasMessageContaining("Example_1");
    }

    private static JsonNode deployment(String yaml) throws IOException {
        return Manifests.YAML.readTree(yaml);
    }
}
