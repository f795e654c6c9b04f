package com.acme.crm.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies a bearer token once, not on every request: SmallRye JWT checks the RS256 signature and the claims of each
 * request afresh, the largest single cost of an API request (docs/benchmarks.md). A token it accepted is remembered,
 * by the SHA-256 digest of all its bytes, and only until it expires; a token it refused is never remembered. So a
 * cached answer is one that verifying the same bytes again would give, except that the cache forgets a token at its
 * expiry, before the clock skew that verification allows.
 */
@Decorator
@Priority(1)
abstract class VerifiedTokens implements JWTParser {

    /** About as many tokens as callers within a token's lifetime; a few KiB each. */
    private static final int MAX_TOKENS = 1_000;

    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS)
            .expireAfter(Expiry.<String, JsonWebToken> creating((digest, token) -> untilExpiry(token))).build();

    @Inject
    @Delegate
    JWTParser parser;

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        String digest = sha256(bearerToken);
        JsonWebToken token = verified.getIfPresent(digest);
        if (token == null) {
            token = parser.parse(bearerToken);
            if (untilExpiry(token).compareTo(Duration.ZERO) > 0) {
                verified.put(digest, token);
            }
        }
        return token;
    }

    private static Duration untilExpiry(JsonWebToken token) {
        return Duration.between(Instant.now(), Instant.ofEpochSecond(token.getExpirationTime()));
    }

    private static String sha256(String bearerToken) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(bearerToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
