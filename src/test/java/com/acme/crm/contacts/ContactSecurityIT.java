package com.acme.crm.contacts;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The security tests again, against the packaged application. */
@QuarkusIntegrationTest
class ContactSecurityIT extends ContactSecurityTest {
}
