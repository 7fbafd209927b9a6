package org.cerise.distribution.hot;

import java.util.Hashtable;

import org.cerise.api.Expose;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Version 2 of the app that DistributionIT hot-deploys: not run in the test's JVM, but copied
 * into a generated bundle whose activator it is. It registers itself as a Cerise app at
 * {@code /hot}, answering {@code two}.
 */
public class HotTwo implements BundleActivator {

    private ServiceRegistration<?> registration;

    /** @return what version 2 answers */
    @Expose
    public String index() {
        return "two";
    }

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("cerise.app.mount", "/hot");
        registration = context.registerService(Object.class.getName(), this, properties);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
    }
}
