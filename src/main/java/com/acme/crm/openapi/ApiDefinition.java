package com.acme.crm.openapi;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import com.acme.crm.problem.Problem;

/**
 * The API's OpenAPI document: its title, the bearer token scheme every operation requires, and the problem schema that
 * every error response uses.
 */
@OpenAPIDefinition(info = @Info(title = "crm-service", version = "1"), components = @Components(schemas = @Schema(name = "Problem", implementation = Problem.class)))
@SecurityScheme(securitySchemeName = ApiDefinition.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT", description = "A JWT of the configured issuer; scope contacts:read to read, contacts:write to write")
public class ApiDefinition extends Application {

    /** The name of the security scheme that operations require with {@code @SecurityRequirement}. */
    public static final String BEARER = "bearer";
}
