package org.cerise.core.internal.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes, when the container starts, the configurations that FileInstall made from a
 * {@code .cfg} file that is gone.
 *
 * <p>The distribution keeps Config Admin's configurations across restarts ({@code data/config},
 * so that the admin password's hash and a session store switched at run time survive). FileInstall
 * deletes a file's configuration when it sees the file go, but it starts afresh each time and so
 * never sees a file deleted while the container was stopped: without this, an override removed
 * from {@code deploy/} in the meantime would still apply. A configuration made from a file says
 * so in its {@code felix.fileinstall.filename} property; one whose file does not exist any more is
 * stale. Configurations made otherwise (the admin API, the console) are not touched.
 */
@Component(immediate = true)
public final class StaleFileConfigs {

    /** The property FileInstall puts into every configuration it made from a file. */
    static final String FILENAME = "felix.fileinstall.filename";
    private static final Logger LOG = LoggerFactory.getLogger("cerise.config");

    @Reference
    private ConfigurationAdmin configAdmin;

    @Activate
    void activate() {
        Configuration[] fromFiles;
        try {
            fromFiles = configAdmin.listConfigurations("(" + FILENAME + "=*)");
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("Could not look for configurations of deleted .cfg files: {}", e.toString());
            return;
        }
        if (fromFiles == null) {
            return;
        }
        for (Configuration c : fromFiles) {
            Object file = c.getProperties() == null ? null : c.getProperties().get(FILENAME);
            if (!isStale(file)) {
                continue;
            }
            try {
                c.delete();
                LOG.info("Removed configuration {}: its file {} was deleted while the container was stopped", c.getPid(),
                        file);
            } catch (IOException | IllegalStateException e) {
                // FileInstall deleted it meanwhile, or the store failed: either way nothing to add
                LOG.debug("Configuration {} of {} not removed: {}", c.getPid(), file, e.toString());
            }
        }
    }

    /**
     * @param filename the value of {@code felix.fileinstall.filename} ({@code file:/...})
     * @return whether it names a local file that does not exist; {@code false} for anything that
     *         is not a {@code file:} URI (kept: not ours to judge)
     */
    static boolean isStale(Object filename) {
        if (filename == null) {
            return false;
        }
        try {
            URI uri = new URI(String.valueOf(filename));
            if (!"file".equalsIgnoreCase(uri.getScheme())) {
                return false;
            }
            return !Files.exists(Path.of(uri));
        } catch (java.net.URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return false;
        }
    }
}
