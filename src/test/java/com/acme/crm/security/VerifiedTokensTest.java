package com.acme.crm.security;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.acme.crm.testsupport.Await;
import com.acme.crm.testsupport.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A token verified once is remembered, and that never lets in a token that verification would refuse: not after the
 * token expired, and not with claims changed under its signature. Verification here allows a clock skew of one second,
 * so that an expiry shows within seconds.
 */
@QuarkusTest
@TestProfile(VerifiedTokensTest.OneSecondClockSkew.class)
class VerifiedTokensTest {

    /** The least skew SmallRye JWT takes: it ignores 0. */
    public static class OneSecondClockSkew implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.clock.skew", "1");
        }
    }

    @jakarta.inject.Inject
    io.smallrye.jwt.auth.principal.JWTAuthContextInfo info;

    @Test
    void debug() {
        System.out.println("DEBUG skew=" + info.getClockSkew() + " ttl=" + info.getMaxTimeToLiveSecs() + " exp-grace="
                + info.getExpGracePeriodSecs());
    }

    @Test
    void an_accepted_token_is_refused_once_it_expired() throws Exception {
        String bearer = "Bearer " + TestTokens.token().expiringInSeconds(2).sign();
        given().header("Authorization", bearer).get("/api/contacts").then().statusCode(200);
        given().header("Authorization", bearer).get("/api/contacts").then().statusCode(200);

        Await.until("refused after its expiry", Duration.ofSeconds(8),
                () -> given().header("Authorization", bearer).get("/api/contacts").statusCode() == 401);
    }

    @Test
    void an_accepted_token_with_its_claims_changed_is_refused() {
        String[] parts = TestTokens.token().scopes(TestTokens.READ).sign().split("\\.");
        given().header("Authorization", "Bearer " + String.join(".", parts)).get("/api/contacts").then().statusCode(200);

        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String widened = claims.replace("\"" + TestTokens.READ + "\"",
                "\"" + TestTokens.READ + " " + TestTokens.WRITE + "\"");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(widened.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        given().header("Authorization", "Bearer " + forged).get("/api/contacts").then().statusCode(401);
    }
}
