package org.cerise.itests.apps;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The activator of every test app bundle: registers an instance of the class named by the
 * {@code Cerise-Test-App} manifest header as a service with {@code cerise.app.mount} from
 * {@code Cerise-Test-Mount} and, if present, {@code cerise.app.config} from
 * {@code Cerise-Test-Config}. Built into each test app jar by {@code AppBundles}.
 */
public final class AppActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) throws ReflectiveOperationException {
        Dictionary<String, String> headers = context.getBundle().getHeaders();
        Class<?> type = context.getBundle().loadClass(headers.get("Cerise-Test-App"));
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("cerise.app.mount", headers.get("Cerise-Test-Mount"));
        String config = headers.get("Cerise-Test-Config");
        if (config != null) {
            properties.put("cerise.app.config", config);
        }
        context.registerService(type.getName(), type.getConstructor().newInstance(), properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
