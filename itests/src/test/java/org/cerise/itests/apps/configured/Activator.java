package org.cerise.itests.apps.configured;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Registers the app with its mount point and with {@code cerise.app.config} naming the config
 * file the bundle carries: this package's {@code app.conf}, or the one named by the
 * {@code Cerise-Test-Config} header.
 */
public final class Activator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("cerise.app.mount", context.getBundle().getHeaders().get("Cerise-Test-Mount"));
        String config = context.getBundle().getHeaders().get("Cerise-Test-Config");
        properties.put("cerise.app.config", config != null ? config : "/org/cerise/itests/apps/configured/app.conf");
        context.registerService(ConfiguredApp.class, new ConfiguredApp(), properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
