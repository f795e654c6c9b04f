package com.acme.crm.testsupport;

import java.util.HashMap;
import java.util.Map;

import com.acme.crm.devdb.DevDatabase;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Points every Quarkus test at a real PostgreSQL: the embedded one, or the database given by
 * QUARKUS_DATASOURCE_JDBC_URL and its credentials.
 */
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(DevDatabase.startUnlessConfigured());
        // The packaged application runs in the prod profile, which never migrates on its own.
        config.put("quarkus.flyway.migrate-at-start", "true");
        return config;
    }

    @Override
    public void stop() {
        // The database stops with the JVM: later test classes and the packaged-jar tests reuse its settings.
    }
}
