package com.acme.crm.devdb;

import java.util.List;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.graalvm.nativeimage.ImageInfo;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;

/**
 * In dev mode without a configured database, points the application at the embedded PostgreSQL. The {@code inImageCode}
 * check is folded to a constant by native-image, so that nothing reachable in a native executable refers to the
 * embedded PostgreSQL library, which is not part of a packaged build.
 */
public class DevDatabaseConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains("dev") || ImageInfo.inImageCode()
                || context.getValue(DevDatabase.URL_PROPERTY).getValue() != null) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(DevDatabase.startUnlessConfigured(), "embedded PostgreSQL", 250));
    }
}
