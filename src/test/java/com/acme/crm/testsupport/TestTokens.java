package com.acme.crm.testsupport;

import java.util.Map;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Bearer tokens for the tests, really signed: by the key the service under test trusts, and in every way it must
 * refuse. The service learns the key and issuer from {@link #verificationConfig()}.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test.invalid";
    public static final String AUDIENCE = "crm-service";
    public static final String READ = "contacts:read";
    public static final String WRITE = "contacts:write";

    private static final RsaJsonWebKey TRUSTED = generate("trusted");
    private static final RsaJsonWebKey UNTRUSTED = generate("untrusted");

    private TestTokens() {
    }

    /** What the service needs to verify the tokens: the trusted public key and the issuer. */
    public static Map<String, String> verificationConfig() {
        return Map.of("mp.jwt.verify.publickey", TRUSTED.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
                "mp.jwt.verify.issuer", ISSUER);
    }

    /** An Authorization header value with a valid token of the scopes, space-separated. */
    public static String bearer(String scopes) {
        return "Bearer " + token().scopes(scopes).sign();
    }

    /** A valid token with both scopes, to change. */
    public static Builder token() {
        return new Builder();
    }

    /** Builds one token; every default is valid. */
    public static final class Builder {

        private final JwtClaims claims = new JwtClaims();
        private RsaJsonWebKey key = TRUSTED;

        private Builder() {
            claims.setIssuer(ISSUER);
            claims.setAudience(AUDIENCE);
            claims.setSubject("test-user-1");
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(10);
            claims.setClaim("scope", READ + " " + WRITE);
        }

        public Builder scopes(String scopes) {
            claims.setClaim("scope", scopes);
            return this;
        }

        public Builder subject(String subject) {
            claims.setSubject(subject);
            return this;
        }

        public Builder issuer(String issuer) {
            claims.setIssuer(issuer);
            return this;
        }

        public Builder audience(String audience) {
            claims.setAudience(audience);
            return this;
        }

        /** Moves the times of the token by the seconds: negative to make it expired, positive not yet valid. */
        public Builder shiftedBy(long seconds) {
            claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() + seconds));
            claims.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + seconds));
            claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + seconds + 600));
            return this;
        }

        public Builder expiringInSeconds(long seconds) {
            claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + seconds));
            return this;
        }

        public Builder signedByAnUntrustedKey() {
            key = UNTRUSTED;
            return this;
        }

        public String sign() {
            return serialize(AlgorithmIdentifiers.RSA_USING_SHA256, key.getPrivateKey(), key.getKeyId());
        }

        /** Unsigned: {@code alg: none}. */
        public String unsigned() {
            return serialize(AlgorithmIdentifiers.NONE, null, null);
        }

        /** HMAC-signed with the trusted public key as the secret: the key-confusion attack. */
        public String hmacWithThePublicKey() {
            return serialize(AlgorithmIdentifiers.HMAC_SHA256, new HmacKey(TRUSTED.getPublicKey().getEncoded()), null);
        }

        private String serialize(String algorithm, java.security.Key signingKey, String keyId) {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(algorithm);
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            if (keyId != null) {
                jws.setKeyIdHeaderValue(keyId);
            }
            jws.setKey(signingKey);
            try {
                return jws.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static RsaJsonWebKey generate(String keyId) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(keyId);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
