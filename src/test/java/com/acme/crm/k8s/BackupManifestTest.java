package com.acme.crm.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * In prod, the migration Job dumps the database before it migrates, and the restore Job restores a dump before the
 * schema is waited for; the dumps' claim is writable only where a dump is written.
 */
@RequiresKubectl
class BackupManifestTest {

    private static final String CLAIM = "crm-backups";

    @Test
    void in_prod_the_migration_cannot_start_before_the_backup_succeeded() {
        JsonNode job = Manifests.overlay("prod").job();
        JsonNode pod = Manifests.podSpec(job);

        // Init containers run to completion, in order, before any container starts; one that fails fails the pod.
        assertThat(Manifests.elements(pod.path("initContainers")).map(init -> init.path("name").asText()))
                .containsExactly("backup");
        JsonNode backup = Manifests.container(job, "backup");
        assertThat(backup.path("image").asText()).matches("postgres:\\d+");
        assertThat(backup.path("command").toString()).contains("/scripts/backup.sh");
        assertThat(backup.path("env").toString()).contains("crm-db-backup")
                .contains("metadata.labels['app.kubernetes.io/version']");
        assertThat(job.at("/spec/template/metadata/labels/app.kubernetes.io~1version").asText()).isNotBlank();
    }

    @Test
    void the_dump_claim_is_writable_by_the_backup_only() {
        JsonNode job = Manifests.overlay("prod").job();

        assertThat(mountsOfClaim(job)).containsExactlyInAnyOrder("backup:rw", "migrate:ro");
    }

    @Test
    void dev_takes_no_backup() {
        JsonNode job = Manifests.overlay("dev").job();

        assertThat(Manifests.podSpec(job).path("initContainers").isEmpty()).isTrue();
        assertThat(Manifests.overlay("dev").ofKind("PersistentVolumeClaim")).isEmpty();
    }

    @Test
    void the_restore_job_restores_as_the_owner_then_waits_for_the_schema_with_the_api_image() {
        Manifests restore = Manifests.render(Manifests.K8S.resolve("restore"));
        JsonNode job = restore.one("Job", "crm-restore");

        assertThat(restore.objects()).allSatisfy(
                object -> assertThatCode(() -> KubernetesSchema.validate(object)).doesNotThrowAnyException());
        assertThat(Manifests.elements(Manifests.podSpec(job).path("initContainers")).map(c -> c.path("name").asText()))
                .containsExactly("restore");
        assertThat(Manifests.container(job, "restore").path("env").toString()).contains("crm-db-owner");
        assertThat(Manifests.container(job, "wait").path("image").asText()).contains("crm-service-api:");
        assertThat(Manifests.container(job, "wait").path("args")).hasToString("[\"wait\"]");
        assertThat(mountsOfClaim(job)).containsExactly("restore:ro");
        assertThat(job.at("/spec/backoffLimit").asInt()).isZero();
    }

    /** container:rw or container:ro for each container that mounts the dump claim. */
    private static List<String> mountsOfClaim(JsonNode workload) {
        String volume = Manifests.elements(Manifests.podSpec(workload).path("volumes"))
                .filter(v -> v.at("/persistentVolumeClaim/claimName").asText().equals(CLAIM)).findFirst()
                .map(v -> v.path("name").asText()).orElseThrow();
        return Manifests.containers(workload)
                .flatMap(container -> Manifests.elements(container.path("volumeMounts"))
                        .filter(mount -> mount.path("name").asText().equals(volume))
                        .map(mount -> container.path("name").asText() + ":"
                                + (mount.path("readOnly").asBoolean() ? "ro" : "rw")))
                .toList();
    }
}
