package org.cerise.tool.authdigest.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services of one kind that apps select by name in config. A scope's setup takes the
 * {@link Slot} of its name once; requests then read the slot's current service with one
 * volatile read, and a service that comes or goes later is seen at once.
 */
final class NamedServices<S> {

    /** Where the service of one name is found. */
    static final class Slot<S> {
        private final List<S> bound = new ArrayList<>(1);
        private volatile S current;

        /** @return the service, or {@code null} while none of this name is registered */
        S get() {
            return current;
        }
    }

    private final String property;
    private final Map<String, Slot<S>> slots = new ConcurrentHashMap<>();

    /** @param property the service property that names a service */
    NamedServices(String property) {
        this.property = property;
    }

    Slot<S> slot(String name) {
        return slots.computeIfAbsent(name, n -> new Slot<>());
    }

    void bind(S service, Map<String, ?> properties) {
        for (String name : names(properties)) {
            Slot<S> slot = slot(name);
            synchronized (slot) {
                slot.bound.add(service);
                slot.current = slot.bound.get(0);
            }
        }
    }

    void unbind(S service, Map<String, ?> properties) {
        for (String name : names(properties)) {
            Slot<S> slot = slot(name);
            synchronized (slot) {
                slot.bound.remove(service);
                slot.current = slot.bound.isEmpty() ? null : slot.bound.get(0);
            }
        }
    }

    /** A service may answer to several names (a String[] or collection property). */
    private List<String> names(Map<String, ?> properties) {
        Object v = properties.get(property);
        List<String> out = new ArrayList<>();
        if (v instanceof String) {
            out.add((String) v);
        } else if (v instanceof String[]) {
            out.addAll(List.of((String[]) v));
        } else if (v instanceof Collection) {
            ((Collection<?>) v).forEach(n -> out.add(String.valueOf(n)));
        }
        return out;
    }
}
