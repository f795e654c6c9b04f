package com.acme.crm.k8s;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Enables the {@link RequiresKubectl} tests when kubectl 1.24 or newer (kustomize 4.5) is on the PATH. */
final class KubectlCondition implements ExecutionCondition {

    private static final int MINIMUM_MINOR = 24;
    private static final ConditionEvaluationResult RESULT = evaluate();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return RESULT;
    }

    private static ConditionEvaluationResult evaluate() {
        String minor = clientMinorVersion();
        if (minor != null && Integer.parseInt(minor.replaceAll("\\D", "")) >= MINIMUM_MINOR) {
            return ConditionEvaluationResult.enabled("kubectl 1." + minor);
        }
        String reason = "kubectl 1." + MINIMUM_MINOR + " or newer is not on the PATH"
                + (minor == null ? "" : " (found 1." + minor + ")")
                + ": the Kubernetes manifest tests are skipped; they render k8s/ with kubectl kustomize";
        System.err.println("SKIPPED: " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    private static String clientMinorVersion() {
        try {
            Process kubectl = new ProcessBuilder("kubectl", "version", "--client", "-o", "json")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] output = kubectl.getInputStream().readAllBytes();
            if (!kubectl.waitFor(30, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                return null;
            }
            return new ObjectMapper().readTree(output).at("/clientVersion/minor").asText(null);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
