package org.cerise.core.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.cerise.api.engine.ChannelFailures;
import org.cerise.api.engine.Engine;
import org.cerise.api.engine.EnginePlugin;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's engine bus on the OSGi life cycle: the engine starts when the core does (its
 * component activates) and stops when the core stops, publishing {@code start} and
 * {@code stop} to its subscribers in priority order; {@link EnginePlugin} services are
 * subscribed to the channels their {@value EnginePlugin#CHANNELS} property names. Services
 * come and go while the container runs, so a plugin that arrives while the engine is started
 * gets {@code start} at once, and one that leaves while it is started gets {@code stop}.
 *
 * <p>Publishing never holds a lock while listeners run; state changes are serialized so that
 * a plugin never gets two {@code start}s or a {@code stop} before its {@code start}.
 */
@Component(service = Engine.class, immediate = true)
public final class CoreEngine implements Engine {

    private static final Logger LOG = LoggerFactory.getLogger("cerise.engine");
    private static final int DEFAULT_PRIORITY = 50;

    private final Object transitions = new Object();
    private final AtomicLong order = new AtomicLong();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /** Each plugin service's subscriptions, by service id. */
    private final Map<Object, PluginEntry> plugins = new ConcurrentHashMap<>();
    private volatile State state = State.STOPPED;
    private volatile BundleContext context;

    /** @param ctx the core bundle's context, for {@link #exit()} */
    @Activate
    void activate(BundleContext ctx) {
        this.context = ctx;
        start();
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    /**
     * CherryPy's {@code engine.start()}: STARTING, publish {@code start}, STARTED. A failing
     * listener is logged; the engine starts anyway (the container has no process to abandon).
     */
    public void start() {
        synchronized (transitions) {
            if (state == State.STARTED || state == State.STARTING) {
                return;
            }
            setState(State.STARTING);
            publishLogged("start");
            setState(State.STARTED);
        }
    }

    /** CherryPy's {@code engine.stop()}: STOPPING, publish {@code stop}, STOPPED. */
    public void stop() {
        synchronized (transitions) {
            if (state != State.STARTED && state != State.STARTING) {
                return;
            }
            setState(State.STOPPING);
            publishLogged("stop");
            setState(State.STOPPED);
        }
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public AutoCloseable subscribe(String channel, Listener listener, int priority) {
        Subscription s = new Subscription(channel, listener, priority, order.incrementAndGet(), listener.toString());
        subscriptions.add(s);
        return () -> subscriptions.remove(s);
    }

    @Override
    public List<Object> publish(String channel, Object... args) throws ChannelFailures {
        List<Subscription> listeners = listenersOf(channel, subscriptions);
        if (listeners.isEmpty()) {
            return List.of();
        }
        List<Object> results = new ArrayList<>(listeners.size());
        List<Throwable> failures = null;
        for (Subscription s : listeners) {
            try {
                results.add(s.listener.call(args));
            } catch (Exception | LinkageError | AssertionError e) {
                LOG.error("Error in '{}' listener {}", channel, s.name, e);
                if (failures == null) {
                    failures = new ArrayList<>();
                }
                failures.add(e);
            }
        }
        if (failures != null) {
            throw new ChannelFailures(channel, failures);
        }
        return results;
    }

    @Override
    public void graceful() {
        LOG.info("Bus graceful");
        publishLogged("graceful");
    }

    @Override
    public void exit() {
        Thread exiting = new Thread(() -> {
            stop();
            setState(State.EXITING);
            publishLogged("exit");
            BundleContext ctx = context;
            if (ctx != null) {
                try {
                    ctx.getBundle(0).stop();
                } catch (BundleException | IllegalStateException e) {
                    LOG.error("Could not stop the framework", e);
                }
            }
        }, "cerise-engine-exit");
        exiting.start();
    }

    /**
     * Subscribes a plugin service to its channels; while the engine is started, it gets
     * {@code start} at once if it listens to it.
     *
     * @param plugin     the plugin
     * @param properties its service properties
     */
    @Reference(service = EnginePlugin.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removePlugin")
    void addPlugin(EnginePlugin plugin, Map<String, Object> properties) {
        List<String> channels = channels(properties.get(EnginePlugin.CHANNELS));
        int priority = priority(properties.get(EnginePlugin.PRIORITY));
        String name = plugin.getClass().getName() + " (service " + properties.get("service.id") + ")";
        List<Subscription> mine = new ArrayList<>();
        for (String channel : channels) {
            mine.add(new Subscription(channel, args -> plugin.publish(channel, args), priority,
                    order.incrementAndGet(), name));
        }
        synchronized (transitions) {
            plugins.put(key(properties, plugin), new PluginEntry(mine));
            subscriptions.addAll(mine);
            if (state == State.STARTED) {
                runOwn("start", mine);
            }
        }
    }

    /**
     * Unsubscribes a plugin service; while the engine is started, it gets {@code stop} first
     * if it listens to it.
     *
     * @param plugin     the plugin
     * @param properties its service properties
     */
    void removePlugin(EnginePlugin plugin, Map<String, Object> properties) {
        synchronized (transitions) {
            PluginEntry entry = plugins.remove(key(properties, plugin));
            if (entry == null) {
                return;
            }
            if (state == State.STARTED) {
                runOwn("stop", entry.subscriptions);
            }
            subscriptions.removeAll(entry.subscriptions);
        }
    }

    private static Object key(Map<String, Object> properties, EnginePlugin plugin) {
        Object id = properties.get("service.id");
        return id != null ? id : plugin;
    }

    private void runOwn(String channel, List<Subscription> own) {
        for (Subscription s : listenersOf(channel, own)) {
            try {
                s.listener.call();
            } catch (Exception | LinkageError | AssertionError e) {
                LOG.error("Error in '{}' listener {}", channel, s.name, e);
            }
        }
    }

    private void publishLogged(String channel) {
        try {
            publish(channel);
        } catch (ChannelFailures e) {
            // each failure was logged with its listener
        }
    }

    private void setState(State next) {
        state = next;
        LOG.info("Bus {}", next);
    }

    /** The listeners of a channel, by priority, then in subscription order. */
    private static List<Subscription> listenersOf(String channel, Collection<Subscription> from) {
        List<Subscription> out = new ArrayList<>();
        for (Subscription s : from) {
            if (s.channel.equals(channel)) {
                out.add(s);
            }
        }
        out.sort((a, b) -> a.priority != b.priority ? Integer.compare(a.priority, b.priority)
                : Long.compare(a.order, b.order));
        return out;
    }

    /** The channels property: a String ({@code "start,stop"}), a String[] or a collection. */
    static List<String> channels(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String[]) {
            for (String s : (String[]) value) {
                out.addAll(channels(s));
            }
        } else if (value instanceof Collection) {
            for (Object o : (Collection<?>) value) {
                out.addAll(channels(o));
            }
        } else if (value != null) {
            Arrays.stream(value.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .forEach(out::add);
        }
        return out;
    }

    private static int priority(Object value) {
        if (value instanceof Number) {
            return ((Number) value).intValue();
        }
        if (value != null) {
            try {
                return Integer.parseInt(value.toString().strip());
            } catch (NumberFormatException e) {
                LOG.warn("Engine plugin property {} = '{}' is not an integer; using {}", EnginePlugin.PRIORITY, value,
                        DEFAULT_PRIORITY);
            }
        }
        return DEFAULT_PRIORITY;
    }

    /** One listener on one channel. */
    private static final class Subscription {
        final String channel;
        final Listener listener;
        final int priority;
        final long order;
        final String name;

        Subscription(String channel, Listener listener, int priority, long order, String name) {
            this.channel = channel;
            this.listener = listener;
            this.priority = priority;
            this.order = order;
            this.name = name;
        }
    }

    /** A plugin service's subscriptions. */
    private static final class PluginEntry {
        final List<Subscription> subscriptions;

        PluginEntry(List<Subscription> subscriptions) {
            this.subscriptions = subscriptions;
        }
    }
}
