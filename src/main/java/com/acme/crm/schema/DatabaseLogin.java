package com.acme.crm.schema;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The standard Quarkus settings that say where the database is and who logs in: the application role for the API
 * ({@code quarkus.datasource.*}), the owner role for the migrations ({@code quarkus.flyway.*}).
 */
@ConfigMapping(prefix = "quarkus")
public interface DatabaseLogin {

    Datasource datasource();

    Flyway flyway();

    interface Datasource {
        Optional<String> username();

        Optional<String> password();

        Jdbc jdbc();

        interface Jdbc {
            Optional<String> url();
        }
    }

    interface Flyway {
        Optional<String> jdbcUrl();

        Optional<String> username();

        Optional<String> password();
    }

    /** The database URL Flyway connects to: its own, else the application's. */
    default Optional<String> migrationUrl() {
        return flyway().jdbcUrl().or(() -> datasource().jdbc().url());
    }

    /** The role Flyway logs in as: the owner when configured, else the application role (single-role setups). */
    default Optional<String> migrationUser() {
        return flyway().username().or(() -> datasource().username());
    }

    /**
     * The password of {@link #migrationUser()}. An owner configured without a password logs in without one (trust,
     * client certificates, ~/.pgpass), never with the application role's password.
     */
    default String migrationPassword() {
        return flyway().username().isPresent() ? flyway().password().orElse(null)
                : datasource().password().orElse(null);
    }
}
