package com.acme.crm.platform;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Health, OpenAPI and metrics again, against the packaged application. */
@QuarkusIntegrationTest
class PlatformEndpointsIT extends PlatformEndpointsTest {
}
