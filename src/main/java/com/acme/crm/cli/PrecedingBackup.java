package com.acme.crm.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.quarkus.logging.Log;

/**
 * Names the dump that the backup step wrote before this migrate (CRM_MIGRATION_BACKUP_DIR), so that the log of every
 * migration says which dump a restore would go back to.
 */
final class PrecedingBackup {

    private PrecedingBackup() {
    }

    static void log(Path directory) {
        try {
            List<Path> dumps = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "crm-*.dump")) {
                files.forEach(dumps::add);
            }
            if (dumps.isEmpty()) {
                Log.warnf("No backup in %s: this migration has no dump to restore", directory);
                return;
            }
            Path newest = dumps.stream().max(Comparator.comparing(PrecedingBackup::modified)).orElseThrow();
            Duration age = Duration.between(modified(newest).toInstant(), Instant.now());
            Log.infof("Migrating after backup %s (%d bytes, taken %d s ago)", newest.getFileName(), Files.size(newest),
                    age.toSeconds());
        } catch (IOException e) {
            Log.warnf("Cannot read the backups in %s: %s", directory, e.getMessage());
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.from(Instant.EPOCH);
        }
    }
}
