package com.acme.crm.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import com.acme.crm.readiness.ReadinessConfig;
import com.acme.crm.schema.MigrationConfig;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The application's configuration as the manifests must agree with it, read without starting the application. */
final class ApplicationConfig {

    /** Run-time configuration as Quarkus documents it (every extension jar ships its model): env name to default. */
    private static final Map<String, String> QUARKUS_RUNTIME = readQuarkusRuntimeConfig();
    private static final Properties APPLICATION = readApplicationProperties();

    private ApplicationConfig() {
    }

    /** The environment variable names of Quarkus's run-time configuration. */
    static Set<String> quarkusRuntimeEnvironment() {
        return QUARKUS_RUNTIME.keySet();
    }

    /** The keys of application.properties outside any profile. */
    static Set<String> applicationKeys() {
        return APPLICATION.stringPropertyNames();
    }

    /**
     * A property as the application sees it without environment overrides: application.properties, else Quarkus's
     * documented run-time default, else the given build-time default.
     */
    static String property(String property, String buildTimeDefault) {
        String documented = QUARKUS_RUNTIME.getOrDefault(environmentName(property), buildTimeDefault);
        return APPLICATION.getProperty(property, documented);
    }

    static Duration duration(String property) {
        return DurationConverter.parseDuration(property(property, null));
    }

    /** A setting of crm.migration.*: the container's environment variable if set, else the built-in default. */
    static Duration migrationSetting(String name, Map<String, String> containerEnvironment) {
        String environment = environmentName("crm.migration." + name);
        if (containerEnvironment.containsKey(environment)) {
            return DurationConverter.parseDuration(containerEnvironment.get(environment));
        }
        try {
            String method = toCamelCase(name);
            Method accessor = MigrationConfig.class.getMethod(method);
            return DurationConverter.parseDuration(accessor.getAnnotation(WithDefault.class).value());
        } catch (NoSuchMethodException e) {
            throw new AssertionError("no setting crm.migration." + name, e);
        }
    }

    /** The properties of the application's own configuration mappings (crm.*). */
    static Stream<String> mappedProperties() {
        return Stream.of(MigrationConfig.class, ReadinessConfig.class).flatMap(mapping -> {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            return Arrays.stream(mapping.getDeclaredMethods()).filter(method -> !method.isDefault())
                    .map(method -> prefix + "." + toKebabCase(method.getName()));
        });
    }

    /** The MicroProfile Config rule that maps a property name to an environment variable name. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static String toKebabCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String toCamelCase(String kebab) {
        StringBuilder camel = new StringBuilder();
        for (String part : kebab.split("-")) {
            camel.append(camel.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return camel.toString();
    }

    private static Map<String, String> readQuarkusRuntimeConfig() {
        Map<String, String> config = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (URL model : Collections.list(ApplicationConfig.class.getClassLoader()
                    .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
                try (InputStream in = model.openStream()) {
                    json.readTree(in).findParents("phase").stream()
                            .filter(property -> property.path("phase").asText().equals("RUN_TIME"))
                            .forEach(property -> config.put(property.at("/path/environmentVariable").asText(),
                                    property.path("defaultValue").asText(null)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    private static Properties readApplicationProperties() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
