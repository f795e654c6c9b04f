package com.acme.crm.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The objects a kustomization renders to, as `kubectl kustomize` (what users apply) renders them. */
record Manifests(List<JsonNode> objects) {

    static final Path K8S = Path.of("k8s");
    static final List<String> OVERLAYS = List.of("dev", "prod");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Manifests overlay(String name) {
        return render(K8S.resolve("overlays").resolve(name));
    }

    static Manifests render(Path kustomization) {
        try {
            Path stderr = Files.createTempFile("kustomize", ".err");
            try {
                Process kubectl = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
                        .redirectError(stderr.toFile()).start();
                String yaml = new String(kubectl.getInputStream().readAllBytes());
                if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                    throw new AssertionError(
                            "kubectl kustomize " + kustomization + " failed: " + Files.readString(stderr));
                }
                return new Manifests(readYaml(yaml));
            } finally {
                Files.delete(stderr);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run kubectl (it renders the kustomizations): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static List<JsonNode> readYaml(String yaml) throws IOException {
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode> readValues(yaml)) {
            return documents.readAll().stream().filter(document -> document != null && !document.isNull()).toList();
        }
    }

    Stream<JsonNode> ofKind(String kind) {
        return objects.stream().filter(object -> object.path("kind").asText().equals(kind));
    }

    JsonNode one(String kind, String name) {
        List<JsonNode> found = ofKind(kind).filter(object -> name(object).equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    JsonNode job() {
        List<JsonNode> jobs = ofKind("Job").toList();
        if (jobs.size() != 1) {
            throw new AssertionError("expected one Job, found " + jobs.size());
        }
        return jobs.get(0);
    }

    JsonNode apiDeployment() {
        return one("Deployment", "crm-api");
    }

    /** Deployments, StatefulSets and Jobs: everything that runs pods. */
    Stream<JsonNode> workloads() {
        return objects.stream().filter(object -> podSpec(object).isObject());
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    /** The init containers and containers of a workload's pods. */
    static Stream<JsonNode> containers(JsonNode workload) {
        JsonNode pod = podSpec(workload);
        return Stream.concat(elements(pod.path("initContainers")), elements(pod.path("containers")));
    }

    static JsonNode container(JsonNode workload, String name) {
        return containers(workload).filter(container -> container.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name(workload) + " has no container " + name));
    }

    static Stream<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /** The tag of a container's image: what follows the last colon after the last slash. */
    static String imageTag(JsonNode container) {
        String image = container.path("image").asText();
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastSegment.lastIndexOf(':');
        return colon < 0 ? "" : lastSegment.substring(colon + 1);
    }

    /** A copy of k8s/ in the directory, for a test to change; returns the copy's k8s directory. */
    static Path copyOfK8s(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path source : files.toList()) {
                Path target = directory.resolve(source.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return directory.resolve(K8S.toString());
    }

    /** The version every overlay of a k8s directory deploys, from the release component's release.yaml. */
    static String releaseVersion(Path k8s) {
        try {
            return YAML.readTree(releaseFile(k8s).toFile()).path("data").path("version").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Path releaseFile(Path k8s) {
        return k8s.resolve("components/release/release.yaml");
    }
}
