package org.cerise.core.internal.mount;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.cerise.api.CeriseApp;
import org.cerise.api.ConfigException;
import org.cerise.api.dispatch.Dispatcher;
import org.cerise.api.engine.EnginePlugin;
import org.cerise.api.serving.Serving;
import org.cerise.api.tool.ConfigNamespace;
import org.cerise.api.tool.Tool;
import org.cerise.core.internal.config.IniConfig;
import org.cerise.core.internal.config.MissingServiceException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the mount table: tracks app services (any service with {@code cerise.app.mount}),
 * tools and dispatchers, and (re)mounts every app whenever one of them or the global config
 * changes. Mounting an app compiles everything its requests need; an app that needs a missing
 * tool or dispatcher, or whose config is wrong, is not mounted and says why at WARN.
 *
 * <p>All mounting work happens under this object's lock, on the thread that reported the
 * change; requests never take the lock, they read the current immutable {@link MountTable}.
 */
@Component(service = Mounter.class, immediate = true, configurationPid = "org.cerise.global",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class Mounter {

    private static final Logger LOG = LoggerFactory.getLogger("cerise.mount");

    private volatile MountTable table = MountTable.EMPTY;
    private final List<Runnable> publishListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ServiceRegistration<EnginePlugin> gracefulRegistration;

    private final Map<ServiceReference<?>, AppRecord> records = new HashMap<>();
    private final Map<String, List<ServiceReference<Tool>>> tools = new HashMap<>();
    private final Map<String, List<ServiceReference<Dispatcher>>> dispatchers = new HashMap<>();
    private final Map<String, List<ServiceReference<ConfigNamespace>>> namespaces = new HashMap<>();
    private final Map<ServiceReference<?>, Object> serviceObjects = new HashMap<>();
    /** Apps an admin unmounted, by name, with the reason shown; in memory only (see AppControl). */
    private final Map<String, String> unmountedBy = new HashMap<>();
    private GlobalConfig.Loaded global = GlobalConfig.BUILT_IN;
    private BundleContext context;
    private NamedServiceTrackers namedServices;
    /** While an app is prepared: the names its compilation looks up, and the thread compiling it. */
    private Set<String> compilingLookups;
    private Thread compilingThread;
    private static final String TOOL = "tool";
    private static final String DISPATCHER = "dispatcher";
    private static final String NAMESPACE = "config namespace";
    private AppCompiler compiler;
    private final AppOverrides overrides = new AppOverrides(() -> remountAll("an app's config override changed"));
    private ServiceRegistration<ManagedServiceFactory> overridesRegistration;
    private ServiceTracker<Object, AppRecord> appTracker;
    private ServiceTracker<Tool, Tool> toolTracker;
    private ServiceTracker<Dispatcher, Dispatcher> dispatcherTracker;
    private ServiceTracker<ConfigNamespace, ConfigNamespace> namespaceTracker;
    /** Ends the grace periods of mount points that did not come back, and warns of apps still waiting (one daemon thread, idle otherwise). */
    private java.util.concurrent.ScheduledExecutorService graceTimer;
    /** When a bundle last changed (installed, started, stopped...): warnings of what is missing wait until they settle. */
    private volatile long lastBundleChange = System.nanoTime();
    private final org.osgi.framework.BundleListener bundleChanges = e -> lastBundleChange = System.nanoTime();
    private long graceNanos = seconds(DEFAULT_GRACE);
    private long holdNanos = seconds(DEFAULT_HOLD);

    /** Global key: how long (seconds) the mount point of an app that left is kept as coming back. */
    static final String GRACE_KEY = "engine.redeploy_grace";
    /** Global key: how long (seconds) one request for a mount point coming back waits for it. */
    static final String HOLD_KEY = "engine.redeploy_hold";
    static final double DEFAULT_GRACE = 3.0;
    static final double DEFAULT_HOLD = 2.0;
    /**
     * How long an app waits (or a config key stays unread) before it is logged at WARN (at DEBUG
     * at once), since what is missing often comes with a bundle that is still starting: longer
     * than the quickstart waits before it starts its optional bundles without a request (1 s).
     */
    static final long WAITING_WARN_DELAY_MS = 2000;
    /** And no bundle changed for this long: bundles still starting put the warning off. */
    static final long SETTLED_MS = 1000;
    /** Bundles that keep changing put such a warning off by this much at most. */
    static final long WAITING_WARN_MAX_MS = 10_000;

    /** @return the current mount table */
    public MountTable table() {
        return table;
    }

    /**
     * Calls a listener after every change of the mount table (for the log settings, which follow
     * each app's {@code log.*} keys).
     *
     * @param listener called on the thread that changed the table
     */
    public void onPublish(Runnable listener) {
        publishListeners.add(listener);
    }

    /** @param listener a listener given to {@link #onPublish} */
    public void removeOnPublish(Runnable listener) {
        publishListeners.remove(listener);
    }

    @Activate
    void activate(BundleContext ctx, Map<String, Object> properties) throws InvalidSyntaxException {
        this.context = ctx;
        ctx.addBundleListener(bundleChanges);
        graceTimer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cerise-mount-timer");
            t.setDaemon(true);
            return t;
        });
        namedServices = new NamedServiceTrackers(ctx, () -> remountAll("a service that a tool uses changed"));
        compiler = new AppCompiler(name -> lookUp(tools, TOOL, name), name -> lookUp(dispatchers, DISPATCHER, name),
                name -> lookUp(namespaces, NAMESPACE, name), namedServices);
        applyGlobal(properties);
        String host = ctx.getProperty("org.apache.felix.http.host");
        String port = ctx.getProperty("org.osgi.service.http.port");
        Serving.setServerBase("http://" + (host == null || host.isEmpty() || host.equals("0.0.0.0") ? "127.0.0.1" : host)
                + ":" + (port == null ? "8080" : port));
        toolTracker = new ServiceTracker<>(ctx,
                ctx.createFilter("(&(objectClass=" + Tool.class.getName() + ")(" + Tool.NAME + "=*))"),
                new NamedTracker<>(tools, Tool.NAME, TOOL));
        dispatcherTracker = new ServiceTracker<>(ctx,
                ctx.createFilter("(&(objectClass=" + Dispatcher.class.getName() + ")(" + Dispatcher.NAME + "=*))"),
                new NamedTracker<>(dispatchers, Dispatcher.NAME, DISPATCHER));
        namespaceTracker = new ServiceTracker<>(ctx,
                ctx.createFilter("(&(objectClass=" + ConfigNamespace.class.getName() + ")(" + ConfigNamespace.NAME + "=*))"),
                new NamedTracker<>(namespaces, ConfigNamespace.NAME, NAMESPACE));
        appTracker = new ServiceTracker<>(ctx, ctx.createFilter("(" + CeriseApp.MOUNT + "=*)"), new AppTracker());
        toolTracker.open();
        namespaceTracker.open();
        dispatcherTracker.open();
        appTracker.open(true);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_PID, AppOverrides.FACTORY_PID);
        overridesRegistration = ctx.registerService(ManagedServiceFactory.class, overrides, props);
        // SIGHUP / engine.graceful(): every app is mounted afresh, as CherryPy's graceful restart
        Dictionary<String, Object> graceful = new Hashtable<>();
        graceful.put(EnginePlugin.CHANNELS, "graceful");
        gracefulRegistration = ctx.registerService(EnginePlugin.class, new EnginePlugin() {
            @Override
            public void graceful() {
                remountAll("graceful restart");
                LOG.info("Re-mounted every app (graceful restart)");
            }
        }, graceful);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        if (applyGlobal(properties)) {
            remountAll("the global config changed");
        }
    }

    @Deactivate
    void deactivate() {
        gracefulRegistration.unregister();
        overridesRegistration.unregister();
        appTracker.close();
        dispatcherTracker.close();
        namespaceTracker.close();
        toolTracker.close();
        namedServices.close();
        synchronized (this) {
            MountTable old = table;
            table = MountTable.EMPTY;
            old.released(table);
        }
        graceTimer.shutdownNow();
        try {
            context.removeBundleListener(bundleChanges);
        } catch (IllegalStateException e) {
            // the bundle is stopping: its listeners go with it
        }
    }

    private synchronized boolean applyGlobal(Map<String, Object> properties) {
        try {
            GlobalConfig.Loaded next = GlobalConfig.from(properties);
            if (next.values().equals(global.values())) {
                return false;
            }
            global = next;
            graceNanos = secondsKey(next, GRACE_KEY, DEFAULT_GRACE);
            holdNanos = secondsKey(next, HOLD_KEY, DEFAULT_HOLD);
            return true;
        } catch (ConfigException e) {
            LOG.warn("{}; keeping the previous global config", e.getMessage());
            return false;
        }
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }

    /** A duration in seconds from the global config; a wrong value is named and the default kept. */
    private static long secondsKey(GlobalConfig.Loaded config, String key, double fallback) {
        Object v = config.values().get(key);
        if (v == null) {
            return seconds(fallback);
        }
        if (v instanceof Number && ((Number) v).doubleValue() >= 0 && ((Number) v).doubleValue() <= 3600) {
            return seconds(((Number) v).doubleValue());
        }
        LOG.warn("{}, key '{}': {} = {} is not a number of seconds from 0 to 3600; using {}",
                config.origins().get(key), key, key, v, fallback);
        return seconds(fallback);
    }

    /** @return every app service with its state, for logs and the admin console */
    public synchronized Map<String, AppState> states() {
        Map<String, AppState> out = new LinkedHashMap<>();
        for (AppRecord r : records.values()) {
            out.put(r.name + " (" + (r.mountPath == null ? r.rawMount : r.mountPath.isEmpty() ? "/" : r.mountPath) + ")",
                    r.state);
        }
        return out;
    }

    /**
     * @return every app service as the runtime model shows it, sorted by mount point
     */
    public synchronized List<org.cerise.api.runtime.AppInfo> appInfos() {
        List<org.cerise.api.runtime.AppInfo> out = new ArrayList<>();
        for (AppRecord r : records.values()) {
            String mount = r.mountPath == null ? r.rawMount : r.mountPath.isEmpty() ? "/" : r.mountPath;
            MountedApp g = r.generation;
            AppState st = r.state == null ? new AppState(AppState.Status.WAITING, "not prepared yet") : r.state;
            out.add(new org.cerise.api.runtime.AppInfo(r.name, mount, r.bundle.getSymbolicName(),
                    r.bundle.getVersion().toString(), st.status().name(), st.reason(),
                    g == null ? List.of() : g.dispatchers(), g == null ? List.of() : g.tools(),
                    RequestCounts.app(r.name)));
        }
        out.sort(java.util.Comparator.comparing(org.cerise.api.runtime.AppInfo::mount)
                .thenComparing(org.cerise.api.runtime.AppInfo::name));
        return out;
    }

    /**
     * @param path a decoded request path
     * @return the app record owning the path by mount point (served or not): name, mount, state, reason; or
     *         {@code null}
     */
    public synchronized org.cerise.api.runtime.AppInfo owner(String path) {
        org.cerise.api.runtime.AppInfo best = null;
        int bestLength = -1;
        for (org.cerise.api.runtime.AppInfo a : appInfos()) {
            String m = a.mount().equals("/") ? "" : a.mount();
            if ((m.isEmpty() || path.equals(m) || (path.startsWith(m) && path.charAt(m.length()) == '/'))
                    && m.length() > bestLength) {
                best = a;
                bestLength = m.length();
            }
        }
        return best;
    }

    /** @return the tool services by name: name, bundle, version, service id */
    public synchronized List<Object[]> toolServices() {
        return services(tools);
    }

    /** @return the dispatcher services by name: name, bundle, version, service id */
    public synchronized List<Object[]> dispatcherServices() {
        return services(dispatchers);
    }

    private static <S> List<Object[]> services(Map<String, List<ServiceReference<S>>> byName) {
        List<Object[]> out = new ArrayList<>();
        new java.util.TreeMap<>(byName).forEach((name, refs) -> {
            for (ServiceReference<S> ref : refs) {
                Bundle b = ref.getBundle();
                out.add(new Object[] {name, b == null ? "?" : b.getSymbolicName(),
                        b == null ? "?" : b.getVersion().toString(), (Long) ref.getProperty(Constants.SERVICE_ID)});
            }
        });
        return out;
    }

    /**
     * Takes an app out of service (AppControl.unmount): kept by name, in memory.
     *
     * @param name the app's name
     * @param who  the user asking
     * @return the app afterwards
     * @throws java.util.NoSuchElementException when no app has that name
     */
    public synchronized org.cerise.api.runtime.AppInfo unmount(String name, String who) {
        require(name);
        unmountedBy.put(name, "unmounted by " + who + " at " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        remountAll("app '" + name + "' unmounted by " + who);
        return info(name);
    }

    /**
     * Serves an unmounted app again.
     *
     * @param name the app's name
     * @param who  the user asking
     * @return the app afterwards
     * @throws java.util.NoSuchElementException when no app has that name
     */
    public synchronized org.cerise.api.runtime.AppInfo mount(String name, String who) {
        require(name);
        if (unmountedBy.remove(name) != null) {
            remountAll("app '" + name + "' mounted by " + who);
        }
        return info(name);
    }

    /**
     * Mounts an app afresh: its config file read again, a new generation compiled.
     *
     * @param name the app's name
     * @param who  the user asking
     * @return the app afterwards
     * @throws java.util.NoSuchElementException when no app has that name
     */
    public synchronized org.cerise.api.runtime.AppInfo restart(String name, String who) {
        require(name);
        unmountedBy.remove(name);
        for (AppRecord r : records.values()) {
            if (name.equals(r.name)) {
                r.file = null;
            }
        }
        remountAll("app '" + name + "' restarted by " + who);
        LOG.info("Restarted app '{}' (asked by {})", name, who);
        return info(name);
    }

    /**
     * Compiles an app with candidate overrides in place of its own, changing nothing.
     *
     * @param name      the app's name
     * @param overrides keys and values as in a configuration of factory PID org.cerise.app
     * @return {@code null} if it would mount, else why not
     * @throws java.util.NoSuchElementException when no app has that name
     */
    public synchronized String checkOverrides(String name, Map<String, String> overrides) {
        AppRecord r = require(name);
        Hashtable<String, Object> props = new Hashtable<>(overrides);
        AppOverrides.Layer candidate = AppOverrides.parse("candidate", "the override of app '" + name + "'", name, props);
        try {
            AppConfig config = AppConfig.merge(global, r.file(), List.of(candidate), r.name);
            compiler.compile(r.service, r.name, r.mountPath, config, r.bundle::loadClass, templateReader(r.bundle),
                    r.bundle::getEntry);
            return null;
        } catch (MissingServiceException e) {
            return "the app would wait: " + e.getMessage();
        } catch (ConfigException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return "the app could not be prepared: " + e;
        }
    }

    private AppRecord require(String name) {
        for (AppRecord r : records.values()) {
            if (name != null && name.equals(r.name)) {
                return r;
            }
        }
        throw new java.util.NoSuchElementException("no app is named '" + name + "'");
    }

    private org.cerise.api.runtime.AppInfo info(String name) {
        for (org.cerise.api.runtime.AppInfo a : appInfos()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new java.util.NoSuchElementException("no app is named '" + name + "'");
    }

    private synchronized void remountAll(String why) {
        LOG.debug("Re-mounting all apps: {}", why);
        for (AppRecord r : sortedRecords()) {
            prepare(r);
        }
        publish();
    }

    /**
     * After a tool, dispatcher or config namespace came, changed or left: prepares again only the
     * apps it can change, those that looked its name up when they were compiled (they use it, or
     * wait for it) and those not mounted; the others keep their compiled generation. (When the
     * optional tools arrive one by one after the apps, each would otherwise compile every app.)
     */
    private synchronized void remountFor(String kind, Set<String> names, String why) {
        List<AppRecord> affected = new ArrayList<>();
        for (AppRecord r : sortedRecords()) {
            if (r.state == null || r.state.status() != AppState.Status.MOUNTED
                    || names.stream().anyMatch(n -> r.lookups.contains(kind + ':' + n))) {
                affected.add(r);
            }
        }
        LOG.debug("Re-mounting {} of {} apps: {}", affected.size(), records.size(), why);
        if (affected.isEmpty()) {
            return;
        }
        for (AppRecord r : affected) {
            prepare(r);
        }
        publish();
    }

    /**
     * {@link #best} for the compiler, noting the name looked up in the app being prepared (see
     * {@link #remountFor}); compiling runs under this object's lock on one thread at a time.
     */
    private <S> S lookUp(Map<String, List<ServiceReference<S>>> byName, String kind, String name) {
        if (compilingLookups != null && compilingThread == Thread.currentThread()) {
            compilingLookups.add(kind + ':' + name);
        }
        return best(byName, name);
    }

    private List<AppRecord> sortedRecords() {
        List<AppRecord> list = new ArrayList<>(records.values());
        // Higher ranking, then older service, wins a contested mount point.
        list.sort((a, b) -> b.ref.compareTo(a.ref));
        return list;
    }

    /** Compiles one app into a new generation, or records why it cannot mount. */
    private void prepare(AppRecord r) {
        AppState before = r.state;
        r.generation = null;
        Set<String> lookups = new HashSet<>();
        compilingLookups = lookups;
        compilingThread = Thread.currentThread();
        try {
            prepareNow(r, before);
        } finally {
            compilingLookups = null;
            compilingThread = null;
            r.lookups = lookups;
        }
    }

    private void prepareNow(AppRecord r, AppState before) {
        r.unhandledKeys = Set.of(); // known again once it compiles
        try {
            r.readProperties();
            String unmounted = unmountedBy.get(r.name);
            if (unmounted != null) {
                r.state = new AppState(AppState.Status.UNMOUNTED, unmounted);
                report(r, before);
                return;
            }
            AppRecord owner = mountOwner(r);
            if (owner != null) {
                String mount = r.mountPath.isEmpty() ? "/" : r.mountPath;
                throw new MissingServiceException("mount point", mount, "the mount point " + mount
                        + " is taken by app '" + owner.name + "' (" + origin(owner.bundle, false) + ")", true);
            }
            AppConfig config = AppConfig.merge(global, r.file(), overrides.forApp(r.name), r.name);
            AppCompiler.Compiled compiled = compiler.compile(r.service, r.name, r.mountPath, config, r.bundle::loadClass,
                    templateReader(r.bundle), r.bundle::getEntry);
            reportUnhandledKeys(r, compiled.unhandledKeys());
            r.generation = compiled.app();
            r.state = AppState.MOUNTED;
        } catch (MissingServiceException e) {
            r.state = new AppState(AppState.Status.WAITING, e.getMessage());
        } catch (ConfigException e) {
            r.state = new AppState(AppState.Status.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            r.state = new AppState(AppState.Status.FAILED, "cannot be prepared: " + e);
            LOG.warn("App '{}' cannot be prepared", r.name, e);
        }
        report(r, before);
    }

    /**
     * Says once per app and key which config keys nothing reads (a typo, or a namespace service
     * not installed). A namespace's bundle often starts a moment after the app's (bundles start
     * one by one; the quickstart starts its optional ones after the apps): said at WARN only if
     * the key is still unread once bundles settled ({@link #whenSettled}), as an app's wait is,
     * so that a start-up log warns of real omissions only.
     */
    private void reportUnhandledKeys(AppRecord r, Set<String> unhandledKeys) {
        r.unhandledKeys = unhandledKeys;
        List<String> fresh = new ArrayList<>();
        for (String key : unhandledKeys) {
            if (!r.reportedKeys.contains(key)) {
                fresh.add(key);
            }
        }
        if (!fresh.isEmpty()) {
            LOG.debug("App '{}': nothing reads the config keys {} yet", r.name, fresh);
            whenSettled(() -> warnIfStillUnread(r, fresh));
        }
    }

    private synchronized void warnIfStillUnread(AppRecord r, List<String> keys) {
        if (records.get(r.ref) != r) {
            return; // the app left
        }
        for (String key : keys) {
            if (r.unhandledKeys.contains(key) && r.reportedKeys.add(key)) {
                LOG.warn("App '{}': nothing reads the config key '{}' (no config namespace '{}' is installed); only "
                        + "request.config() sees it", r.name, key, key.substring(0, key.indexOf('.')));
            }
        }
    }

    /**
     * Runs a warning {@link #WAITING_WARN_DELAY_MS} from now, or later while bundles change
     * ({@link #SETTLED_MS} without a change; at most {@link #WAITING_WARN_MAX_MS} from now);
     * never once the Mounter stopped.
     */
    private void whenSettled(Runnable warning) {
        whenSettled(System.nanoTime(), warning, WAITING_WARN_DELAY_MS);
    }

    private void whenSettled(long since, Runnable warning, long delayMs) {
        java.util.concurrent.ScheduledExecutorService timer = graceTimer;
        if (timer == null) {
            return;
        }
        try {
            timer.schedule(() -> {
                long now = System.nanoTime();
                if (now - lastBundleChange < SETTLED_MS * 1_000_000 && now - since < WAITING_WARN_MAX_MS * 1_000_000) {
                    whenSettled(since, warning, SETTLED_MS); // bundles still come and go: look again later
                } else {
                    warning.run();
                }
            }, delayMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the Mounter stops: nothing to warn of any more
        }
    }

    private AppRecord mountOwner(AppRecord r) {
        for (AppRecord other : sortedRecords()) {
            if (other == r) {
                return null;
            }
            if (other.mountPath != null && other.mountPath.equals(r.mountPath)) {
                return other;
            }
        }
        return null;
    }

    private void report(AppRecord r, AppState before) {
        String mount = r.mountPath == null ? r.rawMount : r.mountPath.isEmpty() ? "/" : r.mountPath;
        if (r.state.status() == AppState.Status.UNMOUNTED) {
            if (before == null || before.status() != AppState.Status.UNMOUNTED) {
                LOG.info("App '{}' at {} ({}) is out of service: {}; its mount point answers 404", r.name, mount,
                        origin(r.bundle, false), r.state.reason());
            }
        } else if (r.state.status() == AppState.Status.MOUNTED) {
            if (before == null || before.status() != AppState.Status.MOUNTED) {
                LOG.info("Mounted app '{}' at {} ({})", r.name, mount, origin(r.bundle, true));
            }
        } else if (!r.state.equals(before)) {
            if (r.state.status() == AppState.Status.WAITING) {
                // What an app waits for often comes a moment later (bundles start one by one; the
                // quickstart starts the optional ones after the apps): said at WARN only if the app
                // still waits for it two seconds later and bundles settled, so that a start-up log
                // warns of real waits only.
                LOG.debug("App '{}' at {} ({}) is waiting: {}", r.name, mount, origin(r.bundle, false), r.state.reason());
                AppState waiting = r.state;
                whenSettled(() -> warnIfStillWaiting(r, waiting, mount));
            } else {
                LOG.warn("App '{}' at {} ({}) cannot be mounted: {}", r.name, mount, origin(r.bundle, false),
                        r.state.reason());
            }
        }
    }

    private synchronized void warnIfStillWaiting(AppRecord r, AppState waiting, String mount) {
        if (records.get(r.ref) == r && waiting.equals(r.state)) {
            LOG.warn("App '{}' at {} ({}) is waiting: {}", r.name, mount, origin(r.bundle, false), r.state.reason());
        }
    }

    private void publish() {
        List<MountedApp> mounted = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (AppRecord r : records.values()) {
            if (r.generation != null) {
                mounted.add(r.generation);
                taken.add(r.mountPath);
            }
        }
        // an app an admin unmounted answers 404 at once: neither "unavailable" (503) nor coming back
        Set<String> unmounted = new HashSet<>();
        for (AppRecord r : records.values()) {
            if (r.generation == null && r.mountPath != null && r.state != null
                    && r.state.status() == AppState.Status.UNMOUNTED && !taken.contains(r.mountPath)) {
                unmounted.add(r.mountPath);
            }
        }
        List<String> unavailable = new ArrayList<>();
        for (AppRecord r : records.values()) {
            if (r.generation == null && r.mountPath != null && !unmounted.contains(r.mountPath)
                    && taken.add(r.mountPath)) {
                unavailable.add(r.mountPath);
            }
        }
        MountTable old = table;
        MountTable next = old.next(mounted, unavailable, unmounted, graceNanos, holdNanos, System.nanoTime());
        table = next;
        // after the new table is visible: the requests held for a mount point that came back read it
        for (MountTable.Returning gone : old.released(next)) {
            LOG.info("{} did not come back within {} s: it answers 404 now",
                    gone.mountPath().isEmpty() ? "/" : gone.mountPath(), graceNanos / 1e9);
        }
        Long deadline = next.nextDeadline();
        if (deadline != null && graceTimer != null && !graceTimer.isShutdown()) {
            try {
                graceTimer.schedule(this::endGracePeriods, Math.max(0, deadline - System.nanoTime()) + 1_000_000,
                        java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // deactivating: the table is about to be emptied anyway
            }
        }
        for (Runnable listener : publishListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A mount table listener failed", e);
            }
        }
    }

    /** Publishes the table again once a mount point's grace period ended, so that it answers 404. */
    private synchronized void endGracePeriods() {
        Long deadline = table.nextDeadline();
        if (deadline != null && deadline - System.nanoTime() <= 0) {
            publish();
        }
    }

    /** The highest-ranked service of a name (ties: the oldest), as OSGi orders references. */
    private <S> S best(Map<String, List<ServiceReference<S>>> byName, String name) {
        List<ServiceReference<S>> refs = byName.get(name);
        if (refs == null || refs.isEmpty()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        S service = (S) serviceObjects.get(Collections.max(refs));
        return service;
    }

    private static Function<String, String> templateReader(Bundle bundle) {
        return location -> {
            if (location.startsWith("bundle:")) {
                String path = location.substring("bundle:".length());
                URL entry = bundle.getEntry(path);
                if (entry == null) {
                    throw new UncheckedIOException(new IOException("bundle " + bundle.getSymbolicName()
                            + " has no entry " + path));
                }
                try (InputStreamReader in = new InputStreamReader(entry.openStream(), StandardCharsets.UTF_8)) {
                    StringBuilder sb = new StringBuilder();
                    char[] buf = new char[4096];
                    for (int n; (n = in.read(buf)) > 0;) {
                        sb.append(buf, 0, n);
                    }
                    return sb.toString();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            try {
                return java.nio.file.Files.readString(java.nio.file.Path.of(location), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** One app service and what the mounter knows about it. */
    private final class AppRecord {
        final ServiceReference<?> ref;
        final Object service;
        final Bundle bundle;
        String rawMount;
        String mountPath;
        String name;
        String configPath;
        String configText;
        String configSource;
        IniConfig.Parsed file;
        final Set<String> reportedKeys = new HashSet<>();
        /** The config keys nothing read at its last compilation. */
        Set<String> unhandledKeys = Set.of();
        AppState state;
        /** The tools, dispatchers and namespaces its last compilation looked up, as "kind:name". */
        Set<String> lookups = Set.of();
        MountedApp generation;

        AppRecord(ServiceReference<?> ref, Object service) {
            this.ref = ref;
            this.service = service;
            this.bundle = ref.getBundle();
        }

        void readProperties() throws ConfigException {
            rawMount = String.valueOf(ref.getProperty(CeriseApp.MOUNT));
            Object n = ref.getProperty(CeriseApp.NAME);
            Object c = ref.getProperty(CeriseApp.CONFIG);
            String newConfig = c == null || String.valueOf(c).isEmpty() ? null : String.valueOf(c);
            // An app registered from outside a bundle (Cerise.mount in an embedded container) hands
            // its config over as text instead of a bundle entry.
            Object t = ref.getProperty(CeriseApp.CONFIG_TEXT);
            Object ts = ref.getProperty(CeriseApp.CONFIG_SOURCE);
            String newText = t == null ? null : String.valueOf(t);
            String newSource = ts == null ? null : String.valueOf(ts);
            if (!java.util.Objects.equals(newConfig, configPath) || !java.util.Objects.equals(newText, configText)
                    || !java.util.Objects.equals(newSource, configSource)) {
                file = null;
            }
            configPath = newConfig;
            configText = newText;
            configSource = newSource;
            mountPath = null;
            String m = rawMount.strip();
            while (m.endsWith("/")) {
                m = m.substring(0, m.length() - 1);
            }
            name = n != null && !String.valueOf(n).isEmpty() ? String.valueOf(n)
                    : m.isEmpty() ? "root" : m.substring(1);
            if (!(m.isEmpty() || m.startsWith("/")) || m.matches(".*[\\s?#%\\\\].*") || m.contains("//")) {
                throw new ConfigException("the service property " + CeriseApp.MOUNT + " = '" + rawMount
                        + "' is not a mount point: write \"/\" or a path such as \"/shop\"");
            }
            mountPath = m;
        }

        /** The app's config file, read once per config path. */
        IniConfig.Parsed file() throws ConfigException {
            if (file == null) {
                file = configText != null
                        ? AppConfig.readText(configSource != null ? configSource : CeriseApp.CONFIG_TEXT, configText)
                        : AppConfig.readFile(bundle, configPath);
            }
            return file;
        }
    }

    private final class AppTracker implements ServiceTrackerCustomizer<Object, AppRecord> {
        @Override
        public AppRecord addingService(ServiceReference<Object> ref) {
            Object service = context.getService(ref);
            if (service == null) {
                return null;
            }
            AppRecord r = new AppRecord(ref, service);
            synchronized (Mounter.this) {
                records.put(ref, r);
                // A new app may take a mount point from, or lose it to, another: re-mount all.
                remountAll("app service " + ref.getProperty(Constants.SERVICE_ID) + " arrived");
            }
            return r;
        }

        @Override
        public void modifiedService(ServiceReference<Object> ref, AppRecord r) {
            remountAll("app service " + ref.getProperty(Constants.SERVICE_ID) + " changed");
        }

        @Override
        public void removedService(ServiceReference<Object> ref, AppRecord r) {
            synchronized (Mounter.this) {
                records.remove(ref);
                String mount = r.mountPath == null ? r.rawMount : r.mountPath.isEmpty() ? "/" : r.mountPath;
                if (r.generation != null) {
                    LOG.info("Unmounted app '{}' from {} ({}); its requests wait up to {} s for it to come back",
                            r.name, mount, origin(r.bundle, false), graceNanos / 1e9);
                }
                remountAll("app service " + ref.getProperty(Constants.SERVICE_ID) + " left");
            }
            context.ungetService(ref);
        }
    }

    /** Tracks services named by a property (tools, dispatchers) and re-mounts when they change. */
    private final class NamedTracker<S> implements ServiceTrackerCustomizer<S, S> {
        private final Map<String, List<ServiceReference<S>>> byName;
        private final String property;
        private final String kind;

        NamedTracker(Map<String, List<ServiceReference<S>>> byName, String property, String kind) {
            this.byName = byName;
            this.property = property;
            this.kind = kind;
        }

        @Override
        public S addingService(ServiceReference<S> ref) {
            S service = context.getService(ref);
            if (service == null) {
                return null;
            }
            synchronized (Mounter.this) {
                serviceObjects.put(ref, service);
                for (String name : names(ref)) {
                    byName.computeIfAbsent(name, k -> new ArrayList<>()).add(ref);
                }
                remountFor(kind, names(ref), kind + " " + names(ref) + " arrived");
            }
            return service;
        }

        @Override
        public void modifiedService(ServiceReference<S> ref, S service) {
            synchronized (Mounter.this) {
                Set<String> before = new HashSet<>();
                byName.forEach((name, refs) -> {
                    if (refs.remove(ref)) {
                        before.add(name);
                    }
                });
                for (String name : names(ref)) {
                    byName.computeIfAbsent(name, k -> new ArrayList<>()).add(ref);
                }
                before.addAll(names(ref)); // apps that used an old name, or may use a new one
                remountFor(kind, before, kind + " " + names(ref) + " changed");
            }
        }

        @Override
        public void removedService(ServiceReference<S> ref, S service) {
            synchronized (Mounter.this) {
                byName.values().forEach(l -> l.remove(ref));
                serviceObjects.remove(ref);
                remountFor(kind, names(ref), kind + " " + names(ref) + " left");
            }
            context.ungetService(ref);
        }

        private Set<String> names(ServiceReference<S> ref) {
            Object v = ref.getProperty(property);
            Set<String> names = new LinkedHashSet<>();
            if (v instanceof String[]) {
                names.addAll(List.of((String[]) v));
            } else if (v instanceof java.util.Collection) {
                ((java.util.Collection<?>) v).forEach(o -> names.add(String.valueOf(o)));
            } else if (v != null) {
                names.add(String.valueOf(v));
            }
            return names;
        }
    }

    /**
     * Where an app comes from, for the log: its bundle, or the program for an app registered
     * from the framework's own context (an embedding such as {@code Cerise.quickstart}, whose
     * app objects come from the class path; "bundle org.apache.felix.framework" would mislead).
     */
    static String origin(Bundle bundle, boolean withVersion) {
        if (bundle.getBundleId() == 0) {
            return "from the class path";
        }
        return "bundle " + bundle.getSymbolicName() + (withVersion ? " " + bundle.getVersion() : "");
    }
}
