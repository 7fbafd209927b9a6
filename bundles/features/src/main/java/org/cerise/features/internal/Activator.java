package org.cerise.features.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;

import org.cerise.features.FeatureManager;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the container's features and registers the {@link FeatureManager}.
 *
 * <p>A plain activator, not a DS component: this bundle is what installs Declarative Services
 * and Config Admin (feature cerise-platform), so it starts before them, from the launcher's
 * first start level, and takes its settings from launch properties:
 * <ul>
 * <li>{@value #FEATURES}: the features a fresh container runs (ids or artifact ids, separated by
 * commas or white space); none when unset</li>
 * <li>{@value #FEATURES_DIR}: the folder of feature descriptors, default {@code features}</li>
 * <li>{@value #REPOSITORY}: the Maven-layout folders bundles come from, comma-separated, default
 * {@code repository}</li>
 * <li>{@value #STATE}: the file that keeps run-time installs and removals, default
 * {@code data/features.properties}</li>
 * </ul>
 * Relative paths are taken from the working directory (the container's home).
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class Activator implements BundleActivator {

    static final String FEATURES = "cerise.features";
    static final String FEATURES_DIR = "cerise.features.dir";
    static final String REPOSITORY = "cerise.repository";
    static final String STATE = "cerise.features.state";

    private static final Logger LOG = LoggerFactory.getLogger("cerise.features");

    private ServiceRegistration<?> registration;

    @Override
    public void start(BundleContext context) throws Exception {
        long t0 = System.nanoTime();
        List<Path> repositories = Arrays.stream(property(context, REPOSITORY, "repository").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).toList();
        Manager manager = new Manager(context, Path.of(property(context, FEATURES_DIR, "features")), repositories,
                Path.of(property(context, STATE, "data/features.properties")));
        int n = manager.launch(context.getProperty(FEATURES));
        LOG.info("{} features installed at launch in {} ms", n, (System.nanoTime() - t0) / 1_000_000);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_DESCRIPTION, "Cerise feature manager");
        // also under the internal class, for this bundle's deploy/ watcher
        registration = context.registerService(new String[] {FeatureManager.class.getName(), Manager.class.getName()},
                manager, props);
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
