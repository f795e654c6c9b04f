package com.acme.crm.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** The Secrets committed under k8s/ hold example placeholders only, never a real credential. */
@RequiresKubectl
class CommittedSecretsTest {

    /** The one shape a committed secret value may have, so that nobody can take it for a real one. */
    private static final Pattern PLACEHOLDER = Pattern.compile("change-me-example(-[a-z0-9]+)*");
    /** Keys that name a role rather than hold a credential. */
    private static final String USERNAME = "username";

    @Test
    void every_committed_secret_value_is_an_example_placeholder() throws IOException {
        List<JsonNode> secrets = new ArrayList<>(committedSecrets());
        Manifests.OVERLAYS.forEach(overlay -> Manifests.overlay(overlay).ofKind("Secret").forEach(secrets::add));

        assertThat(secrets).isNotEmpty();
        // Names only: a failure must not print the credential it found.
        assertThat(secrets.stream()
                .flatMap(secret -> values(secret)
                        .filter(entry -> !entry.getKey().equals(USERNAME) && !isPlaceholder(entry.getValue()))
                        .map(entry -> "Secret " + Manifests.name(secret) + " key " + entry.getKey())))
                .as("Secret values that are not change-me-example placeholders").isEmpty();
    }

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void passwords_reach_containers_only_from_secrets(String overlay) {
        assertThat(Manifests.overlay(overlay).workloads().flatMap(Manifests::containers)
                .flatMap(container -> Manifests.elements(container.path("env")))
                .filter(variable -> variable.path("name").asText().matches("(?i).*(password|secret|token).*")))
                .isNotEmpty()
                .allSatisfy(variable -> assertThat(variable.has("value")).as(variable.toString()).isFalse());
    }

    @Test
    void the_prod_overlay_ships_no_secret_that_could_overwrite_the_real_ones() {
        assertThat(Manifests.overlay("prod").ofKind("Secret")).isEmpty();
    }

    @Test
    void placeholders_are_recognised() {
        assertThat(isPlaceholder("change-me-example")).isTrue();
        assertThat(isPlaceholder("change-me-example-owner")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "hunter2", "S3cure!Passw0rd", "crm_app", "example", "change-me", "x7Kq9vT2mB4nZ8wL",
            "change-me-example-Tr0ub4dor&3", "" })
    void real_looking_credentials_are_rejected(String value) {
        assertThat(isPlaceholder(value)).isFalse();
    }

    private static boolean isPlaceholder(String value) {
        return PLACEHOLDER.matcher(value).matches();
    }

    /** Every Secret document in a file under k8s/, whether or not an overlay uses it. */
    private static List<JsonNode> committedSecrets() throws IOException {
        try (Stream<Path> files = Files.walk(Manifests.K8S)) {
            List<JsonNode> secrets = new ArrayList<>();
            for (Path file : files.filter(file -> file.toString().matches(".*\\.ya?ml")).toList()) {
                Manifests.readYaml(Files.readString(file)).stream()
                        .filter(document -> document.path("kind").asText().equals("Secret")).forEach(secrets::add);
            }
            return secrets;
        }
    }

    /** The plain values of a Secret's stringData and (base64-decoded) data. */
    private static Stream<Map.Entry<String, String>> values(JsonNode secret) {
        List<Map.Entry<String, String>> values = new ArrayList<>();
        secret.path("stringData").properties()
                .forEach(entry -> values.add(Map.entry(entry.getKey(), entry.getValue().asText())));
        secret.path("data").properties().forEach(entry -> values.add(Map.entry(entry.getKey(),
                new String(Base64.getDecoder().decode(entry.getValue().asText()), StandardCharsets.UTF_8))));
        return values.stream();
    }
}
