package com.acme.crm.contacts;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The race tests again, against the packaged application. */
@QuarkusIntegrationTest
class ConcurrentWritesIT extends ConcurrentWritesTest {
}
