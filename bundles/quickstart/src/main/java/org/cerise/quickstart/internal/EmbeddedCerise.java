package org.cerise.quickstart.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.felix.framework.FrameworkFactory;
import org.cerise.api.CeriseApp;
import org.cerise.api.embed.Embedding;
import org.cerise.api.engine.EnginePlugin;
import org.cerise.api.runtime.AppInfo;
import org.cerise.api.runtime.RuntimeModel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cerise in the application's JVM: Apache Felix started from the class path.
 *
 * <p>Every OSGi bundle on the class path is installed (by reference, nothing is copied) and
 * started, except the framework itself and the jars the application shares with the container:
 * {@code cerise-api} and slf4j, which the framework exports from the class path
 * ({@code org.osgi.framework.system.packages.extra}). So the app object, a plain object of the
 * application's class loader, and the core see the same {@code org.cerise.api} classes, and
 * the container logs through the application's slf4j provider. Apps are services registered
 * from the framework's context with {@code cerise.app.mount} and their config as text
 * ({@code cerise.app.config.text}), which the core mounts like any app.
 *
 * <p>Start-up is on the critical path of every run: the framework cache is kept between runs
 * of the same class path ({@link FrameworkCache}) and holds only what a first request needs,
 * so is what the class path's manifests say ({@link ClassPathScan}), nothing is copied, Jetty starts on its own thread while the core's bundles start on the
 * caller's, the apps are registered once those have started (one mount each instead of one per
 * tool that arrives), and Cerise's optional bundles are installed and started after the first
 * request (see {@link OptionalBundles}).
 */
public final class EmbeddedCerise implements Embedding {

    private static final String GLOBAL_PID = "org.cerise.global";
    private static final String CONFIG_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String JETTY_BSN = "org.apache.felix.http.jetty12";
    /** How long the optional bundles wait for a first request before they start anyway. */
    private static final long OPTIONAL_DELAY_MS = 1000;
    private final Map<String, String> global = new LinkedHashMap<>();
    private final List<App> apps = new ArrayList<>();
    private final Set<Path> globalFiles = new HashSet<>();
    private Framework framework;
    private FrameworkCache cache;
    private Thread shutdownHook;
    private CountDownLatch stopped = new CountDownLatch(1);
    private Logger log;
    /** This run's optional bundles ({@code null} before the apps are registered and after stop). */
    private volatile OptionalBundles optional;

    /** An app handed to {@link #mount}, registered while the container runs. */
    private static final class App {
        final Object root;
        final String scriptName;
        final String text;
        final String source;
        String name;
        ServiceRegistration<?> registration;

        App(Object root, String scriptName, String text, String source) {
            this.root = root;
            this.name = root.getClass().getSimpleName().isEmpty() ? root.getClass().getName()
                    : root.getClass().getSimpleName();
            this.scriptName = scriptName;
            this.text = text;
            this.source = source;
        }
    }

    @Override
    public synchronized void update(Map<String, ?> config) {
        applyGlobal(ConfigText.globalLiterals(config, "Cerise.config"));
    }

    @Override
    public synchronized void update(Path file) {
        applyGlobal(ConfigText.globalSection(ConfigText.read(file)));
        globalFiles.add(file.toAbsolutePath().normalize());
    }

    @Override
    public synchronized void mount(Object root, String scriptName, Map<String, ?> config) {
        String what = "Cerise.mount(" + root.getClass().getSimpleName() + ", \"" + scriptName + "\")";
        add(new App(root, scriptName, ConfigText.appText(config, what), "the config map of " + what));
    }

    @Override
    public synchronized void mount(Object root, String scriptName, Path file) {
        String text = ConfigText.read(file);
        if (globalFiles.contains(file.toAbsolutePath().normalize())) {
            text = ConfigText.withoutContainerKeys(text);
        }
        add(new App(root, scriptName, text, file.toString()));
    }

    private void add(App app) {
        if (app.root == null || app.scriptName == null) {
            throw new IllegalArgumentException("Cerise.mount needs an app object and a mount point (\"\" or \"/\" for the site's root)");
        }
        // The app's name (logs, run-time overrides) is its class's, unless two apps share a class.
        for (App other : apps) {
            if (other.name.equals(app.name)) {
                app.name = app.name + " at " + (app.scriptName.isEmpty() ? "/" : app.scriptName);
            }
        }
        apps.add(app);
        if (framework != null) {
            register(app);
            awaitApps();
        }
    }

    @Override
    public synchronized void start() {
        start(true);
    }

    @Override
    public synchronized void startWithoutServer() {
        start(false);
    }

    private void start(boolean http) {
        if (framework != null) {
            return;
        }
        long t0 = System.nanoTime();
        configureLogging();
        log = LoggerFactory.getLogger("cerise.engine");
        String host = host();
        int port = port();
        if (http) {
            checkFree(host, port);
        }
        try {
            launch(host, port, http);
        } catch (BundleException | IOException | RuntimeException e) {
            stopFramework();
            throw new IllegalStateException("Cerise cannot start: " + e.getMessage(), e);
        }
        if (http) {
            log.info("Serving on http://{}:{} (started in {} ms)", host, port, (System.nanoTime() - t0) / 1_000_000);
        } else {
            log.info("Serving in-process only, no HTTP server (started in {} ms)", (System.nanoTime() - t0) / 1_000_000);
        }
    }

    @Override
    public synchronized void reset() {
        if (framework != null) {
            throw new IllegalStateException("Cerise runs: stop it before a reset");
        }
        global.clear();
        apps.clear();
        globalFiles.clear();
    }

    @Override
    public synchronized org.cerise.api.embed.LocalServer localServer() {
        if (framework == null) {
            return null;
        }
        // The interface comes from the class path (org.cerise.api is shared), so the core's
        // service is of this very type: no reflection.
        BundleContext ctx = framework.getBundleContext();
        ServiceReference<org.cerise.api.embed.LocalServer> ref = ctx.getServiceReference(org.cerise.api.embed.LocalServer.class);
        if (ref == null) {
            throw new IllegalStateException("The core's in-process entry point is not registered: is cerise-core "
                    + "(1.1 or later of org.cerise.api.embed) on the class path and started?");
        }
        return ctx.getService(ref);
    }

    @Override
    public void block() throws InterruptedException {
        CountDownLatch latch;
        synchronized (this) {
            start();
            latch = stopped;
        }
        latch.await();
    }

    @Override
    public synchronized void stop() {
        if (framework == null) {
            return;
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
        stopFramework();
        log.info("Stopped");
    }

    private void launch(String host, int port, boolean http) throws BundleException, IOException {
        Timer timer = new Timer();
        ClassPathScan scan = ClassPathScan.of(EmbeddedCerise.class.getClassLoader(), FrameworkCache.base());
        // The optional bundles are installed after the apps, and uninstalled at stop: the kept
        // framework cache holds only what a first request needs, since Felix reads and parses
        // the manifest of every bundle in its cache when it initialises.
        List<Path> bundles = scan.atOnce();
        List<String> optionalLocations = new ArrayList<>();
        for (Path jar : scan.later()) {
            optionalLocations.add(location(jar));
        }
        timer.lap("class path " + (scan.fromFile() ? "read from the kept scan: " : "scanned: ") + bundles.size()
                + " bundles, " + optionalLocations.size() + " optional ones");

        StringBuilder notPersistent = new StringBuilder();
        cache = FrameworkCache.open(bundles, notPersistent);
        if (!cache.persistent()) {
            LoggerFactory.getLogger("cerise.quickstart").debug("A fresh framework cache: {}", notPersistent);
        }
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, scan.sharedExports());
        if (scan.systemPackages() != null) {
            props.put(Constants.FRAMEWORK_SYSTEMPACKAGES, scan.systemPackages());
        }
        props.put("org.osgi.service.http.port", String.valueOf(port));
        props.put("org.apache.felix.http.host", host);
        // As the distribution (distribution/src/main/dist/etc/framework.properties): Cerise's own
        // Server header, CherryPy's socket timeout and paths, CherryPy's status lines.
        props.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        props.put("org.apache.felix.http.timeout", "10000");
        props.put("org.eclipse.jetty.UriComplianceMode", "LEGACY");
        props.put("org.apache.felix.proxy.load.balancer.connection.enable", "true");
        props.put("ds.loglevel", "warn");
        // SCR keeps the components it parsed in its data area, which the cache keeps: a later
        // start reads them back instead of parsing every bundle's XML.
        props.put("ds.cache.metadata", "true");
        // The cache is locked by FrameworkCache (one JVM at a time); Felix's own lock adds nothing.
        props.put("felix.cache.locking", "false");

        List<Bundle> installed;
        try {
            installed = install(props, bundles, cache.reused());
        } catch (BundleException | RuntimeException e) {
            if (!cache.reused()) {
                throw e;
            }
            // A cache left broken (a run killed while it installed): start afresh in it.
            LoggerFactory.getLogger("cerise.quickstart").debug("The framework cache {} is not usable, filled again: {}",
                    cache.dir(), e.toString());
            stopQuietly();
            cache.wipe();
            installed = install(props, bundles, false);
        }
        timer.lap("framework initialised, bundles installed" + (cache.reused() ? " (cache reused)" : ""));
        BundleContext ctx = framework.getBundleContext();
        framework.start();
        timer.lap("framework started");
        // Jetty is the longest piece of start-up and needs nothing of Cerise's, nor Config Admin
        // (which gives it its configuration whenever it starts): it starts first, on its own
        // thread, while the rest resolves and starts.
        Bundle jetty = null;
        for (Bundle b : installed) {
            if (JETTY_BSN.equals(b.getSymbolicName())) {
                jetty = b;
            }
        }
        Throwable[] jettyFailure = new Throwable[1];
        Thread jettyStarter = null;
        FrameworkWiring wiring = framework.adapt(FrameworkWiring.class);
        if (jetty != null && http) {
            Bundle j = jetty;
            CountDownLatch jettyResolved = new CountDownLatch(1);
            jettyStarter = new Thread(() -> {
                try {
                    // Resolved first, holding no bundle lock: a start that resolves holds the
                    // bundle's lock while it waits for Felix's global lock, and the main thread's
                    // resolver run below, holding the global lock, would need that bundle lock;
                    // Felix breaks such a wait by failing the start ("Unable to acquire global
                    // lock for resolve").
                    try {
                        wiring.resolveBundles(List.of(j));
                    } finally {
                        jettyResolved.countDown();
                    }
                    j.start(Bundle.START_TRANSIENT);
                } catch (BundleException | RuntimeException | Error e) {
                    jettyFailure[0] = e; // thrown on the main thread, after the join below
                }
            }, "cerise-jetty-start");
            jettyStarter.start();
            // Jetty's MimeTypes lists every locale of the JDK in its static initialiser, a good
            // part of Jetty's start-up on its thread, the longest path to the first response. The
            // JDK computes that list once for the whole JVM: this thread, which finishes its part
            // long before Jetty does, computes it while Jetty resolves.
            Locale.getAvailableLocales();
            // Then the resolver run for the rest, once Jetty's bundle is resolved: run at once, it
            // took Felix's global lock first and Jetty's start waited for it (~50 ms).
            awaitUninterruptibly(jettyResolved); // one resolver run; an interrupt is kept for later
        } else if (http) {
            log.warn("No HTTP server on the class path ({} is missing): nothing will answer", JETTY_BSN);
        }
        // Without a server Jetty is installed (bundles that import its packages resolve) but not
        // started. One resolver run for all the bundles, instead of one per bundle as each starts.
        wiring.resolveBundles(installed);
        timer.lap("bundles resolved");
        stopped = new CountDownLatch(1);
        shutdownHook = new Thread(this::stop, "cerise-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        // Config Admin first, with the global config in it, so that the core's first mount uses it.
        List<Bundle> rest = new ArrayList<>();
        for (Bundle b : installed) {
            if (b == jetty || isFragment(b)) {
                continue;
            }
            if ("org.apache.felix.configadmin".equals(b.getSymbolicName())) {
                startBundle(b);
                writeGlobal(ctx, true);
            } else {
                rest.add(b);
            }
        }
        for (Bundle b : rest) {
            startBundle(b);
        }
        timer.lap("Cerise's core bundles started");
        if (jettyStarter != null) {
            try {
                jettyStarter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BundleException("interrupted while Jetty started", e);
            }
            if (jettyFailure[0] instanceof BundleException e) {
                throw e;
            } else if (jettyFailure[0] instanceof RuntimeException e) {
                throw e;
            } else if (jettyFailure[0] instanceof Error e) {
                throw e;
            }
        }
        timer.lap("Jetty started");
        for (App app : apps) {
            register(app);
        }
        optional = new OptionalBundles(optionalLocations);
        awaitApps();
        timer.lap(apps.size() + " app(s) mounted");
    }

    /**
     * One run's optional bundles (see {@link ClassPathScan#later}): installed by reference, resolved and
     * started on their own thread once {@link #release} is called or the first request has been
     * answered (it listens to {@code after_request} until then), or {@link #OPTIONAL_DELAY_MS}
     * after the apps were registered; uninstalled at stop, so that the framework cache holds
     * only what a first request needs. On two cores their start-up would take half the machine
     * from the first response.
     */
    private final class OptionalBundles implements EnginePlugin {
        private final List<String> locations;
        private final CountDownLatch go = new CountDownLatch(1);
        /** Opens when the thread has ended: the bundles started, or the container stops. */
        final CountDownLatch ended = new CountDownLatch(1);
        private final List<Bundle> installed = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean cancelled;
        private final Thread thread;
        private final ServiceRegistration<EnginePlugin> firstRequest;
        private final BundleContext context;
        private final FrameworkWiring wiring;

        OptionalBundles(List<String> locations) {
            this.locations = locations;
            context = framework.getBundleContext();
            wiring = framework.adapt(FrameworkWiring.class);
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(EnginePlugin.CHANNELS, "after_request");
            firstRequest = locations.isEmpty() ? null
                    : context.registerService(EnginePlugin.class, this, props);
            thread = new Thread(this::run, "cerise-start-optional");
            thread.setDaemon(true);
            if (locations.isEmpty()) {
                ended.countDown();
            } else {
                thread.start();
            }
        }

        @Override
        public Object publish(String channel, Object... args) {
            if ("after_request".equals(channel)) {
                go.countDown();
            }
            return null;
        }

        /** Lets the bundles start now (an app waits, perhaps for one of them; the config changed). */
        void release() {
            go.countDown();
        }

        private void run() {
            try {
                go.await(OPTIONAL_DELAY_MS, TimeUnit.MILLISECONDS);
                try {
                    firstRequest.unregister(); // no more calls per request
                } catch (IllegalStateException e) {
                    // gone with the framework
                }
                for (String location : locations) {
                    if (cancelled) {
                        return;
                    }
                    try {
                        installed.add(context.installBundle(location));
                    } catch (BundleException | IllegalStateException e) {
                        LoggerFactory.getLogger("cerise.quickstart").warn("Bundle {} is not installed: {}", location, e.getMessage());
                    }
                }
                wiring.resolveBundles(installed());
                for (Bundle b : installed()) {
                    if (cancelled) {
                        return;
                    }
                    if (!isFragment(b)) {
                        startBundle(b);
                    }
                }
            } catch (InterruptedException e) {
                // the container stops
            } finally {
                ended.countDown();
            }
        }

        private List<Bundle> installed() {
            synchronized (installed) {
                return new ArrayList<>(installed);
            }
        }

        /** Ends the thread: it finishes the bundle it installs or starts, and starts no more. */
        void end() {
            cancelled = true;
            go.countDown();
            if (thread.isAlive() && thread != Thread.currentThread()) {
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /**
         * Uninstalls the bundles the thread installed, once it has ended; one that did not end in
         * time leaves them, and the next start uninstalls what its cache holds beyond its needs.
         */
        void uninstall() {
            if (thread.isAlive()) {
                return;
            }
            for (Bundle b : installed()) {
                try {
                    b.uninstall();
                } catch (BundleException | IllegalStateException e) {
                    // left in the cache: the next start uninstalls it
                }
            }
        }
    }

    /**
     * Waits until the core knows each app of ours and no app waits any more for a piece (an app
     * naming a tool, dispatcher or store of the optional bundles mounts when it arrives; a
     * waiting app lets them start at once), or until every bundle started:
     * when {@code start()} returns, each app serves, or says why not. Bounded.
     */
    private void awaitApps() {
        ServiceReference<RuntimeModel> ref = framework.getBundleContext().getServiceReference(RuntimeModel.class);
        RuntimeModel model = ref == null ? null : framework.getBundleContext().getService(ref);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (!optional.ended.await(5, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                if (model != null) {
                    AppsState state = appsState(model);
                    if (state == AppsState.NONE_WAITS) {
                        return;
                    }
                    if (state == AppsState.SOME_WAIT) {
                        optional.release(); // it may wait for an optional piece
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (model != null) {
                framework.getBundleContext().ungetService(ref);
            }
        }
    }

    /** Where the apps of ours are, as the core reports them. */
    private enum AppsState {
        /** The core does not know them all yet. */
        NOT_ALL_KNOWN,
        /** One at least (of ours or not) waits for a piece (a tool, dispatcher or store). */
        SOME_WAIT,
        /** Each is mounted, or failed and says why. */
        NONE_WAITS
    }

    private AppsState appsState(RuntimeModel model) {
        Set<String> ours = new HashSet<>();
        for (App app : apps) {
            ours.add(app.name);
        }
        boolean someWait = false;
        for (AppInfo info : model.apps()) {
            ours.remove(info.name());
            // any app, ours or a class-path bundle's: it may wait for an optional piece
            someWait |= "WAITING".equals(info.state());
        }
        return someWait ? AppsState.SOME_WAIT : ours.isEmpty() ? AppsState.NONE_WAITS : AppsState.NOT_ALL_KNOWN;
    }

    /**
     * Initialises the framework on the cache and installs the bundles that it does not hold
     * already (all of them on a new cache).
     *
     * @return the bundles, in class path order
     */
    private List<Bundle> install(Map<String, String> props, List<Path> bundles, boolean reused) throws BundleException {
        Map<String, String> p = new HashMap<>(props);
        p.put(Constants.FRAMEWORK_STORAGE, cache.dir().toString());
        if (!reused) {
            p.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        }
        framework = new FrameworkFactory().newFramework(p);
        framework.init();
        BundleContext ctx = framework.getBundleContext();
        Map<String, Bundle> cached = new HashMap<>();
        for (Bundle b : ctx.getBundles()) {
            if (b.getBundleId() != 0) {
                cached.put(b.getLocation(), b);
            }
        }
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : bundles) {
            String location = location(jar);
            Bundle b = cached.remove(location);
            installed.add(b != null ? b : ctx.installBundle(location));
        }
        for (Bundle extra : cached.values()) {
            extra.uninstall(); // not needed at once: optional bundles left by a run that was killed
        }
        if (reused) {
            // Only what derives from the jars is kept: no configuration, session or file of an
            // earlier run. SCR's area holds its parsed components (ds.cache.metadata).
            for (Bundle b : installed) {
                if (!"org.apache.felix.scr".equals(b.getSymbolicName())) {
                    FrameworkCache.delete(cache.dir().resolve("bundle" + b.getBundleId()).resolve("data"));
                }
            }
        }
        return installed;
    }

    private void stopQuietly() {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException e) {
            // a framework that failed to start
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        framework = null;
    }

    /** A jar installed by reference: Felix reads it where it is, nothing is copied. */
    static String location(Path jar) {
        return "reference:" + jar.toUri();
    }

    /** Start-up phases at DEBUG ({@code -Dorg.slf4j.simpleLogger.log.cerise.quickstart=debug}): what costs. */
    private static final class Timer {
        private final Logger log = LoggerFactory.getLogger("cerise.quickstart");
        private long last = System.nanoTime();

        void lap(String what) {
            long now = System.nanoTime();
            log.debug("{} ms: {}", (now - last) / 1_000_000, what);
            last = now;
        }
    }

    /** Waits for the latch; an interrupt meanwhile is kept (the thread's flag set again) rather than acted on. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** From the revision Felix parsed already ({@code getHeaders()} copies and localizes every header). */
    private static boolean isFragment(Bundle b) {
        org.osgi.framework.wiring.BundleRevision revision = b.adapt(org.osgi.framework.wiring.BundleRevision.class);
        return revision != null && (revision.getTypes() & org.osgi.framework.wiring.BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private void startBundle(Bundle b) {
        try {
            // transient: a cache that is reused starts nothing by itself, the order stays ours
            b.start(Bundle.START_TRANSIENT);
        } catch (BundleException | IllegalStateException e) {
            // A bundle that does not resolve is left out, visibly; the rest still serves.
            LoggerFactory.getLogger("cerise.quickstart").warn("Bundle {} {} ({}) is not started: {}",
                    b.getSymbolicName(), b.getVersion(), b.getLocation(), e.getMessage());
        }
    }

    private void applyGlobal(Map<String, String> entries) {
        global.putAll(entries);
        if (framework != null) {
            OptionalBundles o = optional;
            if (o != null) {
                o.release(); // the new config may name an optional tool
            }
            writeGlobal(framework.getBundleContext(), false);
        }
    }

    /**
     * The global config as configuration {@code org.cerise.global}, without the address and
     * port, which the launch already gave Jetty (through the core they would restart it).
     */
    private void writeGlobal(BundleContext ctx, boolean atLaunch) {
        Dictionary<String, Object> values = new Hashtable<>();
        global.forEach((k, v) -> {
            if (!k.equals("server.socket_port") && !k.equals("server.socket_host")) {
                values.put(k, v);
            }
        });
        if (values.isEmpty() && atLaunch) {
            // Config Admin starts empty (the cache keeps no configuration): nothing to write or
            // clear, and creating an empty configuration would cost a file and a SecureRandom.
            return;
        }
        // Config Admin's API classes are the bundle's, not the class path's: call it through them.
        // getAllServiceReferences: the framework's context has no wiring to the bundle's package,
        // so the assignability check of getServiceReference would hide the service.
        ServiceReference<?>[] refs;
        try {
            refs = ctx.getAllServiceReferences(CONFIG_ADMIN, null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        ServiceReference<?> ref = refs == null || refs.length == 0 ? null : refs[0];
        if (ref == null) {
            log.warn("No Config Admin on the class path: the global config is not applied");
            return;
        }
        Object ca = ctx.getService(ref);
        try {
            Class<?> admin = ref.getBundle().loadClass(CONFIG_ADMIN);
            Class<?> configuration = ref.getBundle().loadClass("org.osgi.service.cm.Configuration");
            Object c = admin.getMethod("getConfiguration", String.class, String.class).invoke(ca, GLOBAL_PID, "?");
            if (values.isEmpty() && configuration.getMethod("getProperties").invoke(c) == null) {
                return;
            }
            configuration.getMethod("updateIfDifferent", Dictionary.class).invoke(c, values);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            log.warn("The global config cannot be applied: {}", cause.toString());
        } finally {
            ctx.ungetService(ref);
        }
    }

    private void register(App app) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(CeriseApp.MOUNT, app.scriptName.isEmpty() ? "/" : app.scriptName);
        props.put(CeriseApp.NAME, app.name);
        props.put(CeriseApp.CONFIG_TEXT, app.text);
        props.put(CeriseApp.CONFIG_SOURCE, app.source);
        app.registration = framework.getBundleContext().registerService(Object.class, app.root, props);
    }

    private void stopFramework() {
        Framework f = framework;
        framework = null;
        OptionalBundles late = optional;
        optional = null;
        if (late != null) {
            late.end();
        }
        for (App app : apps) {
            if (app.registration != null) {
                try {
                    app.registration.unregister();
                } catch (IllegalStateException e) {
                    // already gone with the framework
                }
                app.registration = null;
            }
        }
        if (f != null) {
            // Cerise's bundles first: the sessions tool before the stores (a store whose engine
            // goes with the core would leave it warning that sessions have nowhere to go), then
            // the core before the other tools and stores, so that each leaves quietly instead of
            // the core re-mounting as its pieces go one by one.
            List<Bundle> cerise = new ArrayList<>();
            for (Bundle b : f.getBundleContext().getBundles()) {
                if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.cerise.")) {
                    cerise.add(b);
                }
            }
            cerise.sort(Comparator.comparingInt(EmbeddedCerise::stopRank));
            for (Bundle b : cerise) {
                try {
                    b.stop(Bundle.STOP_TRANSIENT);
                } catch (BundleException | IllegalStateException e) {
                    // stopped with the framework below
                }
            }
            if (late != null && cache != null && cache.persistent()) {
                late.uninstall(); // the kept cache holds only what a first request needs
            }
            try {
                f.stop();
                f.waitForStop(10_000);
            } catch (BundleException e) {
                LoggerFactory.getLogger("cerise.quickstart").warn("Stopping the container failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (cache != null) {
            cache.close();
            cache = null;
        }
        stopped.countDown();
    }

    private static int stopRank(Bundle b) {
        String bsn = b.getSymbolicName();
        return bsn.equals("org.cerise.tool.sessions") ? 0 : bsn.equals("org.cerise.core") ? 1
                : bsn.startsWith("org.cerise.tool.") ? 2 : 3;
    }

    private String host() {
        String literal = global.get("server.socket_host");
        if (literal != null) {
            String s = literal.strip();
            if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
                return s.substring(1, s.length() - 1);
            }
            throw new IllegalArgumentException("Config error: server.socket_host = " + s
                    + " must be a quoted string such as '127.0.0.1' or '0.0.0.0'");
        }
        String env = System.getenv("CERISE_HOST");
        return env != null && !env.isBlank() ? env.strip() : "127.0.0.1";
    }

    private int port() {
        String literal = global.get("server.socket_port");
        String where;
        String value;
        if (literal != null) {
            where = "server.socket_port";
            value = literal.strip();
        } else {
            value = System.getenv("CERISE_PORT");
            where = "CERISE_PORT";
            if (value == null || value.isBlank()) {
                return 8080;
            }
            value = value.strip();
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Config error: " + where + " = " + value
                + " must be a port number (1-65535, or 0 for any free port)");
    }

    /** Jetty would only log a failed bind and leave the container running without a server. */
    private static void checkFree(String host, int port) {
        if (port == 0) {
            return;
        }
        // A bound socket that does not listen: a server socket would accept, for the moment of the
        // check, a client that is already polling the port, and reset its connection. A socket
        // channel rather than a Socket: Jetty loads the same NIO classes a moment later.
        try (SocketChannel s = SocketChannel.open()) {
            s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            s.bind(new InetSocketAddress(host, port));
        } catch (UnresolvedAddressException e) {
            throw new IllegalStateException("Config error: the host " + host + " (server.socket_host or CERISE_HOST) cannot be resolved");
        } catch (IOException e) {
            throw new IllegalStateException(host + ":" + port + " is not free (" + e.getMessage()
                    + "): another server runs there; choose a port with server.socket_port or CERISE_PORT");
        }
    }

    /** Quieter defaults for slf4j-simple (the application's own settings win). */
    private static void configureLogging() {
        Map<String, String> defaults = Map.of(
                "org.slf4j.simpleLogger.showDateTime", "true",
                "org.slf4j.simpleLogger.dateTimeFormat", "[dd/MMM/yyyy:HH:mm:ss]",
                "org.slf4j.simpleLogger.showThreadName", "false",
                "org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn",
                "org.slf4j.simpleLogger.log.org.apache.felix.http", "warn");
        defaults.forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
    }
}
