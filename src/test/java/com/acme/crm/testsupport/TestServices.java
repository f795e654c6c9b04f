package com.acme.crm.testsupport;

import java.util.HashMap;
import java.util.Map;

import com.acme.crm.dev.DevDatabase;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * What every Quarkus test runs against: a real PostgreSQL (the embedded one, or the database given by
 * QUARKUS_DATASOURCE_JDBC_URL and its credentials) and the test issuer's key for bearer tokens.
 */
@WithTestResource(value = TestServices.class, scope = TestResourceScope.GLOBAL)
public class TestServices implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(DevDatabase.startUnlessConfigured());
        config.putAll(TestTokens.verificationConfig());
        // The packaged application runs in the prod profile, which never migrates on its own, and serves its
        // management interface on the port the tests expect (the default test port, 9001).
        config.put("quarkus.flyway.migrate-at-start", "true");
        config.put("quarkus.management.port", "9001");
        return config;
    }

    @Override
    public void stop() {
        // The database stops with the JVM: later test classes and the packaged-jar tests reuse its settings.
    }
}
