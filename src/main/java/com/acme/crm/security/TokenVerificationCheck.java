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
 * that forgot them must not start, rather than refuse every request. The schema commands serve no HTTP and need
 * neither.
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
        if (verification.getPublicKeyContent() == null && verification.getPublicKeyLocation() == null
                || verification.getIssuedBy() == null) {
            throw new ConfigurationException("No way to verify bearer tokens: set MP_JWT_VERIFY_PUBLICKEY_LOCATION (the"
                    + " issuer's JWKS URL, or a PEM or JWK file) and MP_JWT_VERIFY_ISSUER (the iss of its tokens);"
                    + " see docs/security.md");
        }
    }
}
