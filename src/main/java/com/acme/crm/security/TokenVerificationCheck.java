package com.acme.crm.security;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * Refuses to serve the API without a way to verify tokens: a key (or the issuer's JWKS) and the issuer, as SmallRye JWT
 * resolved them from the mp.jwt.verify.* settings. Dev mode and the tests bring their own; a production deployment
 * that forgot them must not start, rather than refuse every request, and one whose key file cannot be read is told
 * which setting names it. The schema commands serve no HTTP and need neither.
 */
@Singleton
class TokenVerificationCheck {

    @ConfigMapping(prefix = "quarkus.http")
    interface Http {
        @WithDefault("true")
        boolean hostEnabled();
    }

    void onStart(@Observes StartupEvent start, Http http, JWTAuthContextInfo verification) {
        if (!http.hostEnabled()) {
            return;
        }
        String keys;
        try {
            keys = verification.getPublicKeyContent();
        } catch (RuntimeException e) {
            throw new ConfigurationException("Cannot read the keys that verify bearer tokens from"
                    + " MP_JWT_VERIFY_PUBLICKEY_LOCATION (" + rootCause(e).getMessage() + "). A file must exist in"
                    + " the container; the compose stack mounts CRM_JWT_KEY_DIR, by default target/dev-identity, which"
                    + " dev mode creates (see docs/compose.md and docs/security.md)");
        }
        if (keys == null && verification.getPublicKeyLocation() == null || verification.getIssuedBy() == null) {
            throw new ConfigurationException("No way to verify bearer tokens: set MP_JWT_VERIFY_PUBLICKEY_LOCATION (the"
                    + " issuer's JWKS URL, or a PEM or JWK file) and MP_JWT_VERIFY_ISSUER (the iss of its tokens);"
                    + " see docs/security.md");
        }
    }

    private static Throwable rootCause(Throwable e) {
        return e.getCause() == null ? e : rootCause(e.getCause());
    }
}
