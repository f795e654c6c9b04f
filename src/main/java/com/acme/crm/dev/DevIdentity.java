package com.acme.crm.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import io.quarkus.logging.Log;

/**
 * A development issuer for dev mode, when no real one is configured: a key pair kept in target/dev-identity (made on
 * the first start), its public key configured for token verification, and a token with both scopes, valid for 12 hours,
 * written to target/dev-identity/token for curl. Never used in the prod profile.
 */
public final class DevIdentity {

    private static final List<String> SCOPES = List.of("contacts:read", "contacts:write");
    private static final Path DIRECTORY = Path.of("target", "dev-identity").toAbsolutePath();
    private static final float TOKEN_HOURS = 12;

    private DevIdentity() {
    }

    /**
     * @param issuer
     *        the development issuer (mp.jwt.verify.issuer of the dev profile)
     * @return the configuration that verifies the development tokens; also writes a fresh token
     */
    static Map<String, String> start(String issuer) {
        try {
            RsaJsonWebKey key = keyPair();
            Path publicKey = DIRECTORY.resolve("public.jwk");
            Files.writeString(publicKey, key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            Path token = DIRECTORY.resolve("token");
            Files.writeString(token, sign(key, issuer, SCOPES));
            Log.infof("Development issuer: a token with scopes %s for curl is in %s (export TOKEN=$(cat %s))",
                    String.join(" ", SCOPES), token, DIRECTORY.getParent().getParent().relativize(token));
            return Map.of("mp.jwt.verify.publickey.location", publicKey.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the development identity to " + DIRECTORY, e);
        } catch (JoseException e) {
            throw new IllegalStateException("Could not make the development identity", e);
        }
    }

    /** A token of the development issuer, as an identity provider would issue it. */
    private static String sign(RsaJsonWebKey key, String issuer, List<String> scopes) throws JoseException {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience("crm-service");
        claims.setSubject("dev-user");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(TOKEN_HOURS * 60);
        claims.setClaim("scope", String.join(" ", scopes));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    /** The key pair of earlier runs, so that their tokens stay valid, else a new one. */
    private static RsaJsonWebKey keyPair() throws IOException, JoseException {
        Path privateKey = DIRECTORY.resolve("private.jwk");
        if (Files.exists(privateKey)) {
            return (RsaJsonWebKey) JsonWebKey.Factory.newJwk(Files.readString(privateKey));
        }
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("dev");
        Files.createDirectories(DIRECTORY);
        Files.writeString(privateKey, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        return key;
    }
}
