package com.acme.crm.readiness;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the API's readiness follows the schema; see docs/operations.md. */
@ConfigMapping(prefix = "crm.readiness")
public interface ReadinessConfig {

    /**
     * How often the schema history is read again. Readiness reports the last reading, and goes down when it is older
     * than three intervals.
     */
    @WithDefault("5s")
    Duration refreshInterval();
}
