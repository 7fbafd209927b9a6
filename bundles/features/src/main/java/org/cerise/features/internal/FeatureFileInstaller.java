package org.cerise.features.internal;

import java.io.File;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.cerise.features.FeatureException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FileInstall's handler for feature descriptors ({@code *.json}) in its watched folders: a
 * descriptor dropped there installs its feature, deleting it removes the feature, changing it
 * removes and installs again.
 *
 * <p>Failures are logged here, once, and not thrown: FileInstall would retry a throwing install
 * on every poll and log the same failure five times a second. A changed file is tried again.
 */
@Component(service = ArtifactInstaller.class)
public final class FeatureFileInstaller implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger("cerise.features");

    @Reference
    private Manager manager;

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".json");
    }

    @Override
    public void install(File artifact) {
        try {
            manager.installFile(artifact.toPath()); // logs what it installed
        } catch (FeatureException e) {
            LOG.error("Feature file {} installs nothing: {}", artifact, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Feature file {} installs nothing: {}", artifact, e.toString(), e);
        }
    }

    @Override
    public void update(File artifact) {
        uninstall(artifact);
        install(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        manager.removeFile(artifact.toPath()); // logs what it removed
    }
}
