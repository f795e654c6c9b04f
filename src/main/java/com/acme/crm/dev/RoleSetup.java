package com.acme.crm.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Sets up the service's roles in a new database the way every other deployment does: by running
 * k8s/overlays/dev/postgres/crm-roles.sql, the one source of the role set-up, with the role names and passwords as
 * session settings. For dev mode and the tests, which run from the project directory.
 */
public final class RoleSetup {

    private static final Path SCRIPT = Path.of("k8s", "overlays", "dev", "postgres", "crm-roles.sql");

    private RoleSetup() {
    }

    /**
     * @param superuser
     *        a superuser's connection to the new database
     * @param settings
     *        crm.owner_role, crm.owner_password, crm.app_role, crm.app_password, crm.backup_role,
     *        crm.backup_password
     */
    public static void run(Connection superuser, Map<String, String> settings) throws SQLException {
        try (PreparedStatement set = superuser.prepareStatement("select set_config(?, ?, false)")) {
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                set.setString(1, setting.getKey());
                set.setString(2, setting.getValue());
                set.execute();
            }
        }
        try (Statement script = superuser.createStatement()) {
            script.execute(Files.readString(SCRIPT));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + SCRIPT.toAbsolutePath(), e);
        }
    }

    /** The settings for the usual role names, with these passwords. */
    public static Map<String, String> roles(String ownerPassword, String appPassword, String backupPassword) {
        return Map.of("crm.owner_role", "crm_owner", "crm.owner_password", ownerPassword, "crm.app_role", "crm_app",
                "crm.app_password", appPassword, "crm.backup_role", "crm_backup", "crm.backup_password",
                backupPassword);
    }
}
