package org.cerise.itests.apps.wire;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers the app as a service with {@code cerise.app.mount} from the bundle's Cerise-Test-Mount header. */
public final class Activator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("cerise.app.mount", context.getBundle().getHeaders().get("Cerise-Test-Mount"));
        context.registerService(WireApp.class, new WireApp(), properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
