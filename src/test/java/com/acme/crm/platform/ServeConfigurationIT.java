package com.acme.crm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.acme.crm.testsupport.CommandProcess;
import com.acme.crm.testsupport.CommandProcesses;
import com.acme.crm.testsupport.PostgresServer;
import com.acme.crm.testsupport.TestDatabase;

/** {@code serve} in the prod profile starts only with what it needs to keep the API closed to strangers. */
class ServeConfigurationIT {

    @RegisterExtension
    final CommandProcesses processes = new CommandProcesses();

    @Test
    void serve_refuses_to_start_without_a_way_to_verify_tokens() throws Exception {
        TestDatabase db = TestDatabase.create();
        db.migrateTo("4");

        CommandProcess.Result result = processes.app(db.singleRoleEnv(PostgresServer.APP))
                .without("MP_JWT_VERIFY_PUBLICKEY").env("QUARKUS_HTTP_PORT", "0").env("QUARKUS_MANAGEMENT_PORT", "0")
                .run("serve");

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.stderr()).contains("crm-service could not start: No way to verify bearer tokens: set"
                + " MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        assertThat(result.output()).doesNotContain("Listening on");
    }

    @Test
    void serve_names_the_setting_of_a_key_file_it_cannot_read() throws Exception {
        TestDatabase db = TestDatabase.create();
        db.migrateTo("4");

        CommandProcess.Result result = processes.app(db.singleRoleEnv(PostgresServer.APP))
                .without("MP_JWT_VERIFY_PUBLICKEY").env("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "/nonexistent/public.jwk")
                .env("QUARKUS_HTTP_PORT", "0").env("QUARKUS_MANAGEMENT_PORT", "0").run("serve");

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.stderr()).contains("crm-service could not start: Cannot read the keys that verify bearer"
                + " tokens from MP_JWT_VERIFY_PUBLICKEY_LOCATION (", "/nonexistent/public.jwk", "CRM_JWT_KEY_DIR");
        assertThat(result.output()).doesNotContain("Listening on");
    }
}
