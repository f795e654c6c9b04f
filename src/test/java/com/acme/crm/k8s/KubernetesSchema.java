package com.acme.crm.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;

/**
 * Strict validation of one object against the Kubernetes API schema, as the official Java client's models encode it.
 * The models reject unknown and missing required fields; a value of the wrong type (a number where the API wants a
 * string, say) is caught by reading the object into its model and writing it back: anything the model had to coerce or
 * drop comes back different.
 */
final class KubernetesSchema {

    /** The kinds this project deploys, by apiVersion and kind. */
    private static final Map<String, Class<?>> MODELS = Map.of("v1/Namespace", V1Namespace.class, "v1/ConfigMap",
            V1ConfigMap.class, "v1/Secret", V1Secret.class, "v1/Service", V1Service.class, "apps/v1/Deployment",
            V1Deployment.class, "apps/v1/StatefulSet", V1StatefulSet.class, "batch/v1/Job", V1Job.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class, "networking.k8s.io/v1/NetworkPolicy",
            V1NetworkPolicy.class, "v1/PersistentVolumeClaim", V1PersistentVolumeClaim.class);

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern
            .compile("(?=.{1,253}$)" + DNS_LABEL + "(\\." + DNS_LABEL + ")*");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
    /** Names the API server requires to be DNS labels, not subdomains. */
    private static final Set<String> LABEL_NAMED_KINDS = Set.of("Namespace", "Service");

    private KubernetesSchema() {
    }

    /** Throws IllegalArgumentException naming the first problem found. */
    static void validate(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        Class<?> model = MODELS.get(apiVersion + "/" + kind);
        if (model == null) {
            throw new IllegalArgumentException("not a kind this project deploys: " + apiVersion + " " + kind);
        }
        JsonElement original = JsonParser.parseString(object.toString());
        Object parsed;
        try {
            parsed = JSON.getGson().fromJson(original, model);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(kind + " " + Manifests.name(object) + ": " + e.getMessage(), e);
        }
        List<String> differences = new ArrayList<>();
        compare("", original, JSON.getGson().toJsonTree(parsed), differences);
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException(kind + " " + Manifests.name(object)
                    + ": values of the wrong type or unknown to the API: " + differences);
        }
        validateNames(kind, object);
    }

    private static void compare(String path, JsonElement original, JsonElement roundTrip, List<String> differences) {
        if (original.isJsonObject() && roundTrip.isJsonObject()) {
            JsonObject left = original.getAsJsonObject();
            JsonObject right = roundTrip.getAsJsonObject();
            for (String key : left.keySet()) {
                compare(path + "/" + key, left.get(key), right.has(key) ? right.get(key) : null, differences);
            }
        } else if (original.isJsonArray() && roundTrip != null && roundTrip.isJsonArray()
                && original.getAsJsonArray().size() == roundTrip.getAsJsonArray().size()) {
            for (int i = 0; i < original.getAsJsonArray().size(); i++) {
                compare(path + "/" + i, original.getAsJsonArray().get(i), roundTrip.getAsJsonArray().get(i),
                        differences);
            }
        } else if (!original.equals(roundTrip) && !sameQuantity(original, roundTrip)) {
            differences.add(path + " = " + original);
        }
    }

    /** The Quantity model writes quantities in canonical form ("0.5" comes back as "500m"). */
    private static boolean sameQuantity(JsonElement original, JsonElement roundTrip) {
        if (!(original instanceof JsonPrimitive left && left.isString() && roundTrip instanceof JsonPrimitive right
                && right.isString())) {
            return false;
        }
        try {
            return new Quantity(left.getAsString()).getNumber()
                    .compareTo(new Quantity(right.getAsString()).getNumber()) == 0;
        } catch (IllegalArgumentException notQuantities) {
            return false;
        }
    }

    /** What the schema cannot say: names must be DNS names, label values short and plain. */
    private static void validateNames(String kind, JsonNode object) {
        String name = Manifests.name(object);
        Pattern namePattern = LABEL_NAMED_KINDS.contains(kind) ? DNS_LABEL : DNS_SUBDOMAIN;
        if (!namePattern.matcher(name).matches()) {
            throw new IllegalArgumentException(kind + " name is not a valid DNS name: " + name);
        }
        if (kind.equals("Job") && !LABEL_VALUE.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a Job's name becomes a label of its pods, too long or invalid: " + name);
        }
        List<JsonNode> labelSets = List.of(object.path("metadata").path("labels"),
                object.path("spec").path("template").path("metadata").path("labels"));
        for (JsonNode labels : labelSets) {
            labels.properties().forEach(label -> {
                if (!LABEL_VALUE.matcher(label.getValue().asText()).matches()) {
                    throw new IllegalArgumentException(kind + " " + name + ": invalid label value " + label);
                }
            });
        }
    }
}
