package org.cerise.core.internal.mount;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cerise.core.internal.config.ScopeCompiler;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The services that tools select by a name from config ({@code tools.auth_basic.checkpassword =
 * 'ldap'}): one tracker per service type and name property, opened the first time a tool asks,
 * kept until the core stops. Any change to a tracked service re-mounts the apps, so an app that
 * waits for a service mounts when it comes and stops serving when it goes.
 */
final class NamedServiceTrackers implements ScopeCompiler.NamedServices {

    private final BundleContext context;
    private final Runnable changed;
    private final Map<String, ServiceTracker<Object, Object>> trackers = new HashMap<>();

    /**
     * @param context the core's context
     * @param changed called (on the thread of the service event) when a tracked service comes,
     *                changes or goes
     */
    NamedServiceTrackers(BundleContext context, Runnable changed) {
        this.context = context;
        this.changed = changed;
    }

    @Override
    public synchronized Object find(Class<?> type, String property, String name) {
        String key = type.getName() + '\n' + property;
        ServiceTracker<Object, Object> tracker = trackers.get(key);
        if (tracker == null) {
            tracker = open(type.getName(), property);
            trackers.put(key, tracker);
        }
        Tracker t = (Tracker) tracker;
        List<ServiceReference<Object>> refs = new ArrayList<>(t.adding.keySet());
        ServiceReference<Object>[] tracked = tracker.getServiceReferences();
        if (tracked != null) {
            refs.addAll(Arrays.asList(tracked));
        }
        ServiceReference<Object> best = null;
        for (ServiceReference<Object> ref : refs) {
            if (hasName(ref.getProperty(property), name) && (best == null || ref.compareTo(best) > 0)) {
                best = ref;
            }
        }
        if (best == null) {
            return null;
        }
        Object adding = t.adding.get(best);
        return adding != null ? adding : tracker.getService(best);
    }

    private static boolean hasName(Object value, String name) {
        if (value instanceof String[]) {
            for (String v : (String[]) value) {
                if (name.equals(v)) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Collection) {
            return ((Collection<?>) value).stream().anyMatch(v -> name.equals(String.valueOf(v)));
        }
        return value != null && name.equals(String.valueOf(value));
    }

    private ServiceTracker<Object, Object> open(String type, String property) {
        String filter = "(&(objectClass=" + type + ")(" + property + "=*))";
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new Tracker(context.createFilter(filter));
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("the service property name '" + property + "' cannot be tracked: "
                    + e.getMessage(), e);
        }
        // All services: the core itself does not import the tools' service packages.
        tracker.open(true);
        ((Tracker) tracker).opener = null;
        return tracker;
    }

    /** Stops tracking. */
    synchronized void close() {
        trackers.values().forEach(ServiceTracker::close);
        trackers.clear();
    }

    /**
     * Reports every change except those of its initial scan, which the opening thread (already
     * inside a mount) sees as it is; events on other threads during the scan are reported.
     */
    private final class Tracker extends ServiceTracker<Object, Object> {
        volatile Thread opener = Thread.currentThread();

        Tracker(org.osgi.framework.Filter filter) {
            super(NamedServiceTrackers.this.context, filter, null);
        }

        private boolean reported() {
            return Thread.currentThread() != opener;
        }

        /**
         * Services being added: a tracker counts a service as tracked only once this callback
         * returns, but the mount it triggers must already see it.
         */
        final Map<ServiceReference<Object>, Object> adding = new ConcurrentHashMap<>();

        @Override
        public Object addingService(ServiceReference<Object> reference) {
            Object service = super.addingService(reference);
            if (service != null && reported()) {
                adding.put(reference, service);
                try {
                    changed.run();
                } finally {
                    adding.remove(reference);
                }
            }
            return service;
        }

        @Override
        public void modifiedService(ServiceReference<Object> reference, Object service) {
            if (reported()) {
                changed.run();
            }
        }

        @Override
        public void removedService(ServiceReference<Object> reference, Object service) {
            super.removedService(reference, service);
            if (reported()) {
                changed.run();
            }
        }
    }
}
