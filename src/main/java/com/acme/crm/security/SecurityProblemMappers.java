package com.acme.crm.security;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.acme.crm.problem.Problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * 401 and 403 as application/problem+json, with the WWW-Authenticate challenge of RFC 6750. Why a token was refused
 * (expired, wrong issuer, bad signature) is logged by SmallRye JWT at debug level, never told to the client.
 */
public class SecurityProblemMappers {

    @ServerExceptionMapper
    public Response noToken(UnauthorizedException e) {
        return challenge("Bearer", "A bearer token is required");
    }

    @ServerExceptionMapper
    public Response invalidToken(AuthenticationFailedException e) {
        return challenge("Bearer error=\"invalid_token\"", "The bearer token is not valid");
    }

    @ServerExceptionMapper
    public Response missingScope(ForbiddenException e) {
        return Problem.of(Status.FORBIDDEN, "The token lacks the scope this request needs").toResponse();
    }

    private static Response challenge(String authenticate, String detail) {
        return Response.fromResponse(Problem.of(Status.UNAUTHORIZED, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, authenticate).build();
    }
}
