package org.cerise.itests.apps;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The activator of test bundles that provide a service other than an app (a tool): registers an
 * instance of the class named by {@code Cerise-Test-Service} under the interface named by
 * {@code Cerise-Test-Interface}, with the one property {@code Cerise-Test-Property}
 * ({@code name=value}).
 */
public final class ServiceActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) throws ReflectiveOperationException {
        Dictionary<String, String> headers = context.getBundle().getHeaders();
        Class<?> type = context.getBundle().loadClass(headers.get("Cerise-Test-Service"));
        String[] property = headers.get("Cerise-Test-Property").split("=", 2);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(property[0], property[1]);
        context.registerService(headers.get("Cerise-Test-Interface"), type.getConstructor().newInstance(), properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
