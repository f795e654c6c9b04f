package com.acme.crm.testsupport;

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
        return DevDatabase.startUnlessConfigured();
    }

    @Override
    public void stop() {
        // The database stops with the JVM: later test classes and the packaged-jar tests reuse its settings.
    }
}
