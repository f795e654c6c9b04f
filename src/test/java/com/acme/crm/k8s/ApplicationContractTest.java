package com.acme.crm.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The manifests and the application agree: every environment variable is configuration the application reads at run
 * time, every key a pod takes from a Secret or ConfigMap exists, and the probes call the application's health endpoints
 * on its HTTP port.
 */
@RequiresKubectl
class ApplicationContractTest {

    private static final List<String> CRM_CONTAINERS = List.of("api", "wait-for-schema", "migrate");
    /** The MicroProfile JWT settings, which SmallRye JWT reads (and Quarkus's configuration model does not list). */
    private static final List<String> MICROPROFILE_JWT = List.of("mp.jwt.verify.publickey",
            "mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey.algorithm", "mp.jwt.verify.issuer",
            "mp.jwt.verify.audiences");

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void every_environment_variable_is_configuration_the_application_reads(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        Set<String> known = new HashSet<>(ApplicationConfig.quarkusRuntimeEnvironment());
        Stream.of(ApplicationConfig.applicationKeys().stream(), MICROPROFILE_JWT.stream(),
                ApplicationConfig.mappedProperties()).flatMap(keys -> keys)
                .filter(key -> !key.startsWith("%") && !key.startsWith("quarkus."))
                .map(ApplicationConfig::environmentName).forEach(known::add);

        assertThat(crmContainers(manifests).flatMap(container -> environment(manifests, container).keySet().stream()))
                .isNotEmpty()
                .allSatisfy(name -> assertThat(known).as("%s is read by the application", name).contains(name));
    }

    @Test
    void the_api_and_its_init_container_connect_as_the_application_role_only() {
        Manifests dev = Manifests.overlay("dev");
        JsonNode api = dev.apiDeployment();

        assertThat(Stream.of(Manifests.container(api, "api"), Manifests.container(api, "wait-for-schema")))
                .allSatisfy(container -> assertThat(environment(dev, container)).containsOnly(
                        Map.entry("QUARKUS_DATASOURCE_JDBC_URL", "ConfigMap crm-config QUARKUS_DATASOURCE_JDBC_URL"),
                        Map.entry("MP_JWT_VERIFY_ISSUER", "ConfigMap crm-config MP_JWT_VERIFY_ISSUER"),
                        Map.entry("MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                                "ConfigMap crm-config MP_JWT_VERIFY_PUBLICKEY_LOCATION"),
                        Map.entry("QUARKUS_DATASOURCE_USERNAME", "Secret crm-db-app username"),
                        Map.entry("QUARKUS_DATASOURCE_PASSWORD", "Secret crm-db-app password")));
    }

    @Test
    void the_migration_connects_as_the_owner_and_grants_to_the_role_the_api_logs_in_as() {
        Manifests dev = Manifests.overlay("dev");

        assertThat(environment(dev, Manifests.container(dev.job(), "migrate"))).containsOnly(
                Map.entry("QUARKUS_DATASOURCE_JDBC_URL", "ConfigMap crm-config QUARKUS_DATASOURCE_JDBC_URL"),
                Map.entry("MP_JWT_VERIFY_ISSUER", "ConfigMap crm-config MP_JWT_VERIFY_ISSUER"),
                Map.entry("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "ConfigMap crm-config MP_JWT_VERIFY_PUBLICKEY_LOCATION"),
                Map.entry("QUARKUS_FLYWAY_USERNAME", "Secret crm-db-owner username"),
                Map.entry("QUARKUS_FLYWAY_PASSWORD", "Secret crm-db-owner password"),
                Map.entry("CRM_DB_APP_ROLE", "Secret crm-db-app username"));
    }

    @Test
    void every_key_taken_from_a_secret_or_config_map_exists() {
        Manifests dev = Manifests.overlay("dev");

        assertThat(dev.workloads().flatMap(Manifests::containers).flatMap(container -> references(container)))
                .isNotEmpty().allSatisfy(reference -> assertThat(keys(dev.one(reference.kind(), reference.name())))
                        .as("%s %s", reference.kind(), reference.name()).contains(reference.key()));
    }

    @Test
    void prod_needs_only_the_secrets_and_keys_the_dev_overlay_shows_by_example() {
        Manifests dev = Manifests.overlay("dev");
        Manifests prod = Manifests.overlay("prod");

        assertThat(prod.workloads().flatMap(Manifests::containers).flatMap(container -> references(container)))
                .allSatisfy(reference -> assertThat(
                        keys(reference.kind().equals("Secret") ? dev.one("Secret", reference.name())
                                : prod.one("ConfigMap", reference.name())))
                        .as("%s %s", reference.kind(), reference.name()).contains(reference.key()));
    }

    @ParameterizedTest
    @FieldSource("com.acme.crm.k8s.Manifests#OVERLAYS")
    void probes_call_the_health_endpoints_on_the_management_port_and_the_api_serves_on_its_own(String overlay) {
        assertThat(ApplicationConfig.property("quarkus.management.enabled", "false")).isEqualTo("true");
        // SmallRye Health's build-time paths, whose documented defaults live in its deployment jar.
        String health = "/" + ApplicationConfig.property("quarkus.management.root-path", "q") + "/"
                + ApplicationConfig.property("quarkus.smallrye-health.root-path", "health") + "/";
        JsonNode api = Manifests.container(Manifests.overlay(overlay).apiDeployment(), "api");

        assertThat(Manifests.elements(api.path("ports")).map(port -> port.path("name").asText() + ":"
                + port.path("containerPort").asText())).containsExactlyInAnyOrder(
                        "http:" + ApplicationConfig.property("quarkus.http.port", null),
                        "management:" + ApplicationConfig.property("quarkus.management.port", "9000"));
        assertThat(probe(api, "startupProbe"))
                .isEqualTo(health + ApplicationConfig.property("quarkus.smallrye-health.startup-path", "started"));
        assertThat(probe(api, "readinessProbe"))
                .isEqualTo(health + ApplicationConfig.property("quarkus.smallrye-health.readiness-path", "ready"));
        assertThat(probe(api, "livenessProbe"))
                .isEqualTo(health + ApplicationConfig.property("quarkus.smallrye-health.liveness-path", "live"));
    }

    /** The probe's path, once its port is known to be the named management port. */
    private static String probe(JsonNode container, String probe) {
        JsonNode httpGet = container.path(probe).path("httpGet");
        assertThat(httpGet.path("port").asText()).as(probe + " port").isEqualTo("management");
        return httpGet.path("path").asText();
    }

    private static Stream<JsonNode> crmContainers(Manifests manifests) {
        return manifests.workloads().flatMap(Manifests::containers)
                .filter(container -> CRM_CONTAINERS.contains(container.path("name").asText()));
    }

    /** A container's environment: name to where the value comes from ("Secret name key"), envFrom included. */
    private static Map<String, String> environment(Manifests manifests, JsonNode container) {
        Map<String, String> environment = new HashMap<>();
        Manifests.elements(container.path("envFrom")).forEach(source -> {
            String kind = source.has("secretRef") ? "Secret" : "ConfigMap";
            String name = source.path(source.has("secretRef") ? "secretRef" : "configMapRef").path("name").asText();
            keys(manifests.one(kind, name)).forEach(key -> environment.put(key, kind + " " + name + " " + key));
        });
        Manifests.elements(container.path("env")).forEach(variable -> environment.put(variable.path("name").asText(),
                variable.has("value") ? variable.path("value").asText() : source(variable.path("valueFrom"))));
        return environment;
    }

    private static String source(JsonNode valueFrom) {
        JsonNode secret = valueFrom.path("secretKeyRef");
        JsonNode configMap = valueFrom.path("configMapKeyRef");
        return secret.isObject() ? "Secret " + secret.path("name").asText() + " " + secret.path("key").asText()
                : "ConfigMap " + configMap.path("name").asText() + " " + configMap.path("key").asText();
    }

    record Reference(String kind, String name, String key) {
    }

    /** The keys a container takes from Secrets and ConfigMaps (not the pod's own fields). */
    private static Stream<Reference> references(JsonNode container) {
        return Manifests.elements(container.path("env")).map(variable -> variable.path("valueFrom"))
                .filter(valueFrom -> valueFrom.has("secretKeyRef") || valueFrom.has("configMapKeyRef"))
                .map(ApplicationContractTest::source).map(source -> source.split(" "))
                .map(parts -> new Reference(parts[0], parts[1], parts[2]));
    }

    private static Set<String> keys(JsonNode secretOrConfigMap) {
        Set<String> keys = new HashSet<>();
        Stream.of("data", "stringData").map(secretOrConfigMap::path)
                .forEach(data -> data.fieldNames().forEachRemaining(keys::add));
        return keys.stream().collect(Collectors.toUnmodifiableSet());
    }
}
