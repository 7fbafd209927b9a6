package org.cerise.core.internal.config;

import java.io.IOException;

import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Finds a configuration without creating it. {@code getConfiguration} creates (and writes to
 * disk, with a temporary file that loads the JDK's SecureRandom) an empty configuration just to
 * tell that there is none: ~100 classes and tens of milliseconds at each start, for the keys
 * the core translates for other bundles (server.*, log.*), which are usually not set.
 */
public final class ExistingConfiguration {

    private ExistingConfiguration() {
    }

    /**
     * @return the configuration with this PID that has properties, or {@code null}
     * @throws IOException Config Admin cannot read its store
     */
    public static Configuration find(ConfigurationAdmin admin, String pid) throws IOException {
        try {
            String value = pid.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
            Configuration[] found = admin.listConfigurations("(" + Constants.SERVICE_PID + "=" + value + ")");
            return found == null || found.length == 0 ? null : found[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("not a PID: " + pid, e);
        }
    }
}
