package org.cerise.core.internal.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
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
@Component(service = Engine.class, immediate = true, configurationPid = "org.cerise.global",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class CoreEngine implements Engine {

    /** Framework property that lets the engine take SIGTERM, SIGHUP and SIGUSR1 (the distribution sets it). */
    static final String SIGNALS_PROPERTY = "cerise.engine.signals";

    private static final Logger LOG = LoggerFactory.getLogger("cerise.engine");
    private static final int DEFAULT_PRIORITY = 50;

    private final Object transitions = new Object();
    private final AtomicLong order = new AtomicLong();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    /** The listeners of each channel in call order, rebuilt when subscriptions change: publishing only reads it. */
    private volatile Map<String, List<Subscription>> byChannel = Map.of();
    /** Each plugin service's subscriptions, by service id. */
    private final Map<Object, PluginEntry> plugins = new ConcurrentHashMap<>();
    private final Monitors monitors = new Monitors(LOG);
    private volatile State state = State.STOPPED;
    private volatile BundleContext context;
    private volatile Path pidFile;
    private java.util.concurrent.ScheduledExecutorService mainLoop;
    private EngineSignals signals;
    private ServiceTracker<Object, Object> endpoints;

    /**
     * @param ctx    the core bundle's context, for {@link #exit()} and the server's address
     * @param config the global config: {@code engine.pidfile}, {@code engine.SIGTERM/SIGHUP}
     */
    @Activate
    void activate(BundleContext ctx, Map<String, Object> config) {
        this.context = ctx;
        this.pidFile = pidFile(config);
        if ("true".equals(ctx.getProperty(SIGNALS_PROPERTY))) {
            signals = new EngineSignals(this, config, LOG);
        }
        start();
        endpoints = new ServiceTracker<>(ctx, filter(ctx), new EndpointLogger(this::log));
        endpoints.open();
    }

    @Modified
    void modified(Map<String, Object> config) {
        Path next = pidFile(config);
        if (!java.util.Objects.equals(next, pidFile)) {
            removePidFile();
            pidFile = next;
            if (state == State.STARTED) {
                writePidFile();
            }
        }
    }

    @Deactivate
    void deactivate() {
        if (endpoints != null) {
            endpoints.close();
        }
        if (signals != null) {
            signals.uninstall();
        }
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
            writePidFile();
            monitors.startAll();
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
            monitors.stopAll();
            publishLogged("stop");
            removePidFile();
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
        subscriptionsChanged();
        return () -> {
            subscriptions.remove(s);
            subscriptionsChanged();
        };
    }

    @Override
    public List<Object> publish(String channel, Object... args) throws ChannelFailures {
        List<Subscription> listeners = byChannel.getOrDefault(channel, List.of());
        if (listeners.isEmpty()) {
            return List.of();
        }
        List<Object> results = new ArrayList<>(listeners.size());
        List<Throwable> failures = null;
        for (Subscription s : listeners) {
            try {
                results.add(s.listener().call(args));
            } catch (Exception | LinkageError | AssertionError e) {
                LOG.error("Error in '{}' listener {}", channel, s.name(), e);
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
    public AutoCloseable monitor(String name, Runnable callback, java.time.Duration frequency) {
        synchronized (transitions) {
            return monitors.add(name, callback, frequency, state == State.STARTED);
        }
    }

    @Override
    public void graceful() {
        LOG.info("Bus graceful");
        publishLogged("graceful");
        synchronized (transitions) {
            if (state == State.STARTED) {
                monitors.stopAll();
                monitors.startAll();
            }
        }
    }

    @Override
    public void exit() {
        Thread exiting = new Thread(() -> {
            if (signals != null) {
                signals.uninstall();
            }
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
            subscriptionsChanged();
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
            subscriptionsChanged();
        }
    }

    private static Object key(Map<String, Object> properties, EnginePlugin plugin) {
        Object id = properties.get("service.id");
        return id != null ? id : plugin;
    }

    private void runOwn(String channel, List<Subscription> own) {
        for (Subscription s : listenersOf(channel, own)) {
            try {
                s.listener().call();
            } catch (Exception | LinkageError | AssertionError e) {
                LOG.error("Error in '{}' listener {}", channel, s.name(), e);
            }
        }
    }


    private static Path pidFile(Map<String, Object> config) {
        Object v = config.get("engine.pidfile");
        if (v instanceof String) {
            String text = ((String) v).strip();
            // a .cfg file gives the Python literal as written: 'path' or "path"
            if (text.length() >= 2 && (text.charAt(0) == '\'' || text.charAt(0) == '"')
                    && text.charAt(text.length() - 1) == text.charAt(0)) {
                text = text.substring(1, text.length() - 1);
            }
            return text.isEmpty() ? null : Path.of(text).toAbsolutePath();
        }
        return null;
    }

    /** CherryPy's PIDFile plugin: the process id, written at start, removed at stop. */
    private void writePidFile() {
        Path p = pidFile;
        if (p == null) {
            return;
        }
        try {
            Files.writeString(p, ProcessHandle.current().pid() + "\n");
            LOG.info("PID {} written to {}.", ProcessHandle.current().pid(), p);
        } catch (IOException e) {
            LOG.error("Cannot write the PID file {} (engine.pidfile): {}", p, e.toString());
        }
    }

    private void removePidFile() {
        Path p = pidFile;
        if (p != null) {
            try {
                if (Files.deleteIfExists(p)) {
                    LOG.info("PID file removed: {}.", p);
                }
            } catch (IOException e) {
                LOG.error("Cannot remove the PID file {}: {}", p, e.toString());
            }
        }
    }

    private static Filter filter(BundleContext ctx) {
        try {
            return ctx.createFilter("(osgi.http.endpoint=*)");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Says where the server listens, as CherryPy's "Serving on http://127.0.0.1:8080". */
    private static final class EndpointLogger implements ServiceTrackerCustomizer<Object, Object> {
        private final java.util.function.Consumer<String> log;

        EndpointLogger(java.util.function.Consumer<String> log) {
            this.log = log;
        }

        /** What was said last: the runtime service is modified for every servlet registered. */
        private String said = "";

        @Override
        public Object addingService(ServiceReference<Object> ref) {
            say(ref);
            return ref;
        }

        @Override
        public void modifiedService(ServiceReference<Object> ref, Object service) {
            say(ref);
        }

        @Override
        public void removedService(ServiceReference<Object> ref, Object service) {
            // the server's own log says it stopped
        }

        private synchronized void say(ServiceReference<Object> ref) {
            List<String> endpoints = channels(ref.getProperty("osgi.http.endpoint"));
            if (endpoints.toString().equals(said)) {
                return;
            }
            said = endpoints.toString();
            for (String endpoint : endpoints) {
                String url = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
                log.accept("Serving on " + url);
            }
        }
    }

    private void setState(State next) {
        state = next;
        log("Bus " + next);
        subscriptionsChanged();
    }

    /**
     * CherryPy's {@code bus.log}: the engine's messages go to its logger (the error log, context
     * ENGINE) and to the {@code log} channel as (message, level) with Python's levels (20 = INFO).
     */
    private void log(String message) {
        LOG.info(message);
        if (byChannel.containsKey("log")) {
            publishLogged("log", message, 20);
        }
    }

    /** Publishes, the failures being logged with their listeners. */
    void publishLogged(String channel, Object... args) {
        try {
            publish(channel, args);
        } catch (ChannelFailures e) {
            // each failure was logged with its listener
        }
    }

    /**
     * Keeps the per-request channels and the {@code main} loop running only while someone
     * listens: {@code before_request}/{@code after_request} cost the pipeline one volatile read
     * otherwise, and {@code main} is published every 100 ms (CherryPy's {@code block()} loop).
     */
    private synchronized void subscriptionsChanged() {
        Map<String, List<Subscription>> channels = new java.util.HashMap<>();
        for (Subscription s : subscriptions) {
            channels.computeIfAbsent(s.channel(), c -> new ArrayList<>()).add(s);
        }
        channels.replaceAll((channel, listeners) -> listenersOf(channel, listeners));
        byChannel = Map.copyOf(channels);
        boolean request = channels.containsKey("before_request") || channels.containsKey("after_request");
        boolean main = channels.containsKey("main");
        RequestChannels.listening(request && state == State.STARTED ? this : null);
        boolean wantMain = main && state == State.STARTED;
        if (wantMain && mainLoop == null) {
            mainLoop = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cerise-engine-main");
                t.setDaemon(true);
                return t;
            });
            mainLoop.scheduleWithFixedDelay(() -> publishLogged("main"), 100, 100,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } else if (!wantMain && mainLoop != null) {
            mainLoop.shutdown();
            mainLoop = null;
        }
    }

    /** The listeners of a channel, by priority, then in subscription order. */
    private static List<Subscription> listenersOf(String channel, Collection<Subscription> from) {
        List<Subscription> out = new ArrayList<>();
        for (Subscription s : from) {
            if (s.channel().equals(channel)) {
                out.add(s);
            }
        }
        out.sort((a, b) -> a.priority() != b.priority() ? Integer.compare(a.priority(), b.priority())
                : Long.compare(a.order(), b.order()));
        return List.copyOf(out);
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

    /**
     * One listener on one channel. Each subscription is its own registration, equal only to
     * itself: unsubscribing removes that one (a record's equals would compare the fields, and
     * binds through {@code ObjectMethods} at first use, on the start-up path).
     */
    private record Subscription(String channel, Listener listener, int priority, long order, String name) {
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
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
