package com.acme.crm.dev;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.graalvm.nativeimage.ImageInfo;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;

/**
 * In dev mode, stands in for what is not configured: the embedded PostgreSQL when no database URL is set, the
 * development issuer when no token verification key is set. The {@code inImageCode} check is folded to a constant by
 * native-image, so that nothing reachable in a native executable refers to the embedded PostgreSQL library, which is not
 * part of a packaged build.
 */
public class DevServicesConfigSourceFactory implements ConfigSourceFactory {

    private static final int ORDINAL = 250;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains("dev") || ImageInfo.inImageCode()) {
            return List.of();
        }
        List<ConfigSource> sources = new ArrayList<>();
        if (context.getValue(DevDatabase.URL_PROPERTY).getValue() == null) {
            sources.add(new PropertiesConfigSource(DevDatabase.startUnlessConfigured(), "embedded PostgreSQL", ORDINAL));
        }
        if (context.getValue("mp.jwt.verify.publickey.location").getValue() == null
                && context.getValue("mp.jwt.verify.publickey").getValue() == null) {
            String issuer = context.getValue("mp.jwt.verify.issuer").getValue();
            sources.add(new PropertiesConfigSource(DevIdentity.start(issuer), "development issuer", ORDINAL));
        }
        return sources;
    }
}
