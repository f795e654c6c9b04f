package com.acme.crm.contacts;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The contacts API tests again, against the packaged application. */
@QuarkusIntegrationTest
class ContactResourceIT extends ContactResourceTest {
}
