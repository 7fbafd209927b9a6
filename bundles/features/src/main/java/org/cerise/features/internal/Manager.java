package org.cerise.features.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.cerise.features.FeatureBundleInfo;
import org.cerise.features.FeatureException;
import org.cerise.features.FeatureException.Reason;
import org.cerise.features.FeatureInfo;
import org.cerise.features.FeatureManager;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleRevisions;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature manager: installs features' bundles from the local repository, counts which
 * installed features need each bundle, and uninstalls a bundle when the last feature needing it
 * goes. Every change is all or nothing per feature. Runs only on the admin path (launch, API,
 * commands, deploy/), never on the request path, so one lock is enough.
 */
final class Manager implements FeatureManager {

    /** Source of the features of the launch list. */
    static final String LAUNCH = "launch";
    /** Source of features installed through {@link #install(String)}. */
    static final String REQUEST = "request";

    private static final Logger LOG = LoggerFactory.getLogger("cerise.features");
    /** How long a refresh after an uninstall may take before the manager goes on without it. */
    private static final long REFRESH_TIMEOUT_S = 30;

    private final BundleContext context;
    private final Path featuresDir;
    private final List<Path> repositories;
    private final LaunchState state;

    /** Installed features by id, in install order. */
    private final Map<String, Installed> installed = new LinkedHashMap<>();
    /** Every bundle an installed feature lists, by its coordinates. */
    private final Map<String, Held> held = new HashMap<>();

    private record Installed(Descriptor descriptor, String source) {
    }

    /** A bundle features need: managed when this manager installed it (and may uninstall it). */
    private static final class Held {
        final Bundle bundle;
        final boolean managed;
        final Set<String> features = new LinkedHashSet<>();

        Held(Bundle bundle, boolean managed) {
            this.bundle = bundle;
            this.managed = managed;
        }
    }

    /** A feature to install, and what asked for it. */
    private record Pending(Descriptor descriptor, String source) {
        String id() {
            return descriptor.id().toString();
        }
    }

    /**
     * @param context      the context bundles are installed through
     * @param featuresDir  the folder of the feature descriptors offered
     * @param repositories Maven-layout folders the bundles are taken from, searched in order
     * @param stateFile    where changes made at run time are kept
     * @throws IOException when the state file exists but cannot be read
     */
    Manager(BundleContext context, Path featuresDir, List<Path> repositories, Path stateFile) throws IOException {
        this.context = context;
        this.featuresDir = featuresDir;
        this.repositories = List.copyOf(repositories);
        this.state = new LaunchState(stateFile);
    }

    // ---------------------------------------------------------------- launch

    /**
     * Installs the launch list, plus what was installed at run time before, minus what was
     * removed. All bundles are installed first and resolved together (one resolver run), then
     * started; a feature that fails is rolled back and logged at ERROR, the others run.
     *
     * @param launchList feature ids or names, separated by commas or white space; may be null
     * @return the number of features installed
     */
    synchronized int launch(String launchList) {
        Catalog catalog = catalog();
        catalog.invalid.forEach((file, error) -> LOG.error("Feature descriptor {} is not used: {}", file, error));
        List<Pending> pending = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String name : launchList == null ? List.<String>of() : Arrays.asList(launchList.split("[,\\s]+"))) {
            if (name.isEmpty()) {
                continue;
            }
            try {
                Descriptor d = catalog.lookup(name, featuresDir);
                if (!state.removed.contains(d.id().toString()) && ids.add(d.id().toString())) {
                    pending.add(new Pending(d, LAUNCH));
                }
            } catch (FeatureException e) {
                LOG.error("Launch property cerise.features names '{}': {}", name, e.getMessage());
            }
        }
        for (String id : state.added) {
            Descriptor d = catalog.valid.get(id);
            if (d == null) {
                LOG.error("Feature {} was installed before the restart, but its descriptor is no longer in {}", id,
                        featuresDir);
            } else if (ids.add(id)) {
                pending.add(new Pending(d, REQUEST));
            }
        }
        Map<String, String> failed = installAll(pending);
        failed.forEach((id, why) -> LOG.error("Feature {} is not installed: {}", id, why));
        return pending.size() - failed.size();
    }

    // ---------------------------------------------------------------- the API

    @Override
    public synchronized List<FeatureInfo> available() {
        Catalog catalog = catalog();
        Map<String, FeatureInfo> out = new TreeMap<>();
        catalog.valid.forEach((id, d) -> out.put(id, info(d, installed.get(id))));
        installed.forEach((id, i) -> out.putIfAbsent(id, info(i.descriptor(), i)));
        catalog.invalid.forEach((file, error) -> {
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            out.put(file.getFileName().toString(), new FeatureInfo(file.getFileName().toString(), name, null, null,
                    FeatureInfo.State.INVALID, null, file.toString(), List.of(), error));
        });
        return List.copyOf(out.values());
    }

    @Override
    public synchronized List<FeatureInfo> installed() {
        return installed.values().stream().map(i -> info(i.descriptor(), i)).toList();
    }

    @Override
    public synchronized FeatureInfo install(String feature) throws FeatureException {
        Descriptor d = catalog().lookup(feature, featuresDir);
        FeatureInfo info = install(d, REQUEST);
        String id = d.id().toString();
        if (!state.removed.remove(id)) {
            state.added.add(id);
        }
        save();
        return info;
    }

    @Override
    public synchronized FeatureInfo remove(String feature) throws FeatureException {
        Installed i = lookupInstalled(feature);
        String id = i.descriptor().id().toString();
        if (i.source().startsWith("file:")) {
            throw new FeatureException(Reason.CONFLICT, "feature " + id + " was installed by the file "
                    + i.source().substring(5) + ": delete that file to remove it");
        }
        // refused before anything changes: uninstalling a bundle others are wired to would leave
        // them unresolved after the refresh (an app in deploy/ importing the feature's packages)
        Map<Bundle, List<String>> dependents = dependents(orphans(id));
        if (!dependents.isEmpty()) {
            throw new FeatureException(Reason.IN_USE, "feature " + id + " is not removed, nothing was changed: "
                    + (dependents.size() == 1 ? "a bundle that stays installed needs its bundles: "
                            : dependents.size() + " bundles that stay installed need its bundles: ")
                    + describe(dependents) + ". Uninstall " + (dependents.size() == 1 ? "that bundle" : "those bundles")
                    + " first (an app in deploy/: delete its jar there), then remove the feature");
        }
        uninstall(id);
        if (i.source().equals(LAUNCH)) {
            state.removed.add(id);
        } else {
            state.added.remove(id);
        }
        save();
        Descriptor d = catalog().valid.get(id);
        return info(d == null ? i.descriptor() : d, null);
    }

    // ---------------------------------------------------------------- deploy/

    /**
     * Installs the feature a descriptor file describes (dropped into {@code deploy/}); its
     * bundles come from the repository. Not remembered across restarts: the file is.
     *
     * @param file the descriptor
     * @return the installed feature
     * @throws FeatureException when the file is malformed, names an installed feature, or a bundle fails
     */
    synchronized FeatureInfo installFile(Path file) throws FeatureException {
        Descriptor d;
        try {
            d = Descriptor.read(file);
        } catch (Descriptor.Malformed e) {
            throw new FeatureException(Reason.INVALID, e.getMessage());
        }
        return install(d, fileSource(file));
    }

    /**
     * Removes the feature a descriptor file installed, if it installed one.
     *
     * @param file the descriptor that was deleted
     * @return the feature's id, or null when the file had installed none
     */
    synchronized String removeFile(Path file) {
        String source = fileSource(file);
        for (Map.Entry<String, Installed> e : installed.entrySet()) {
            if (e.getValue().source().equals(source)) {
                String id = e.getKey();
                // the file is gone: nobody to refuse to, so the feature goes anyway, and the log
                // says which bundles lose what they need (one line; the framework logs their
                // resolution failure itself)
                Map<Bundle, List<String>> dependents = dependents(orphans(id));
                if (!dependents.isEmpty()) {
                    LOG.warn("Feature {} is removed (its file {} was deleted) although bundles that stay installed need"
                            + " its bundles: {}. They no longer resolve until what they need is installed again",
                            id, file, describe(dependents));
                }
                uninstall(id);
                return id;
            }
        }
        return null;
    }

    private static String fileSource(Path file) {
        return "file:" + file.toAbsolutePath().normalize();
    }

    // ---------------------------------------------------------------- installing

    private FeatureInfo install(Descriptor d, String source) throws FeatureException {
        String id = d.id().toString();
        Installed already = installed.get(id);
        if (already != null) {
            throw new FeatureException(Reason.CONFLICT, "feature " + id + " is already installed (by "
                    + already.source() + ")");
        }
        Map<String, String> failed = installAll(List.of(new Pending(d, source)));
        if (!failed.isEmpty()) {
            throw new FeatureException(Reason.FAILED, "feature " + id + " is not installed, nothing was changed: "
                    + failed.get(id));
        }
        return info(d, installed.get(id));
    }

    /**
     * Installs features together: every new bundle is installed, then all are resolved in one
     * resolver run, then started (by start-order, then as listed). A feature with a bundle that is
     * missing, cannot be installed, resolved or started fails; the bundles only failed features
     * needed are uninstalled again.
     *
     * @return the failed features' ids with the reason
     */
    private Map<String, String> installAll(List<Pending> pending) {
        Map<String, Held> fresh = new LinkedHashMap<>();
        Map<String, Integer> startOrder = new HashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        // 1. install (or adopt) every bundle no installed feature holds yet
        for (Pending p : pending) {
            for (Descriptor.Entry e : p.descriptor().bundles()) {
                String key = e.artifact().toString();
                if (e.startOrder() > 0) {
                    startOrder.merge(key, e.startOrder(), Math::min);
                }
                if (held.containsKey(key) || fresh.containsKey(key)) {
                    continue;
                }
                Path jar = locate(e.artifact());
                if (jar == null) {
                    failed.put(p.id(), "bundle " + key + " is not in the local repository (looked for "
                            + repositories.stream().map(r -> r.resolve(e.artifact().path()).toString()).toList() + ")");
                    break;
                }
                try {
                    fresh.put(key, installOrAdopt(jar));
                } catch (BundleException | IOException ex) {
                    failed.put(p.id(), "bundle " + key + " (" + jar + ") cannot be installed: " + ex.getMessage());
                    break;
                }
            }
        }
        // 2. resolve what the remaining features need, all at once
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        List<Bundle> toResolve = new ArrayList<>();
        for (Pending p : pending) {
            if (!failed.containsKey(p.id())) {
                for (Descriptor.Entry e : p.descriptor().bundles()) {
                    Held h = fresh.get(e.artifact().toString());
                    if (h != null) {
                        toResolve.add(h.bundle);
                    }
                }
            }
        }
        if (!toResolve.isEmpty()) {
            wiring.resolveBundles(toResolve);
        }
        for (Pending p : pending) {
            if (failed.containsKey(p.id())) {
                continue;
            }
            for (Descriptor.Entry e : p.descriptor().bundles()) {
                String key = e.artifact().toString();
                Bundle b = bundle(key, fresh);
                if (b.getState() == Bundle.INSTALLED) {
                    failed.put(p.id(), Diagnosis.unresolved(wiring, b, key));
                    break;
                }
            }
        }
        // 3. start the new bundles of the features still standing
        List<String> toStart = new ArrayList<>();
        for (Pending p : pending) {
            if (!failed.containsKey(p.id())) {
                for (Descriptor.Entry e : p.descriptor().bundles()) {
                    String key = e.artifact().toString();
                    Held h = fresh.get(key);
                    if (h != null && h.managed && !toStart.contains(key)) {
                        toStart.add(key);
                    }
                }
            }
        }
        toStart.sort(Comparator.comparingInt(k -> startOrder.getOrDefault(k, Integer.MAX_VALUE)));
        for (String key : toStart) {
            Bundle b = fresh.get(key).bundle;
            try {
                if (startOrder.containsKey(key)) {
                    b.adapt(BundleStartLevel.class).setStartLevel(startOrder.get(key));
                }
                if ((b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) == 0) {
                    b.start();
                }
            } catch (BundleException | RuntimeException ex) {
                String why = "bundle " + key + " (" + b.getSymbolicName() + " " + b.getVersion()
                        + ") failed to start: " + ex.getMessage();
                for (Pending p : pending) {
                    if (!failed.containsKey(p.id()) && lists(p.descriptor(), key)) {
                        failed.put(p.id(), why);
                    }
                }
            }
        }
        // 4. roll back what only failed features needed
        Set<String> needed = new HashSet<>();
        for (Pending p : pending) {
            if (!failed.containsKey(p.id())) {
                p.descriptor().bundles().forEach(e -> needed.add(e.artifact().toString()));
            }
        }
        List<Bundle> rollback = new ArrayList<>();
        fresh.forEach((key, h) -> {
            if (!needed.contains(key) && h.managed) {
                rollback.add(h.bundle);
            }
        });
        uninstallBundles(rollback);
        // 5. commit
        for (Pending p : pending) {
            if (failed.containsKey(p.id())) {
                continue;
            }
            installed.put(p.id(), new Installed(p.descriptor(), p.source()));
            for (Descriptor.Entry e : p.descriptor().bundles()) {
                String key = e.artifact().toString();
                held.computeIfAbsent(key, k -> fresh.get(k)).features.add(p.id());
            }
            LOG.info("Feature {} installed ({})", p.id(), p.source());
        }
        return failed;
    }

    private static boolean lists(Descriptor d, String key) {
        return d.bundles().stream().anyMatch(e -> e.artifact().toString().equals(key));
    }

    private Bundle bundle(String key, Map<String, Held> fresh) {
        Held h = held.get(key);
        return h != null ? h.bundle : fresh.get(key).bundle;
    }

    private Path locate(Artifact a) {
        for (Path repository : repositories) {
            Path jar = repository.resolve(a.path());
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        return null;
    }

    /**
     * Installs a jar by reference (the framework reads it in place instead of copying it into
     * its cache). A bundle already installed from elsewhere with the same symbolic name and
     * version (the launcher's, a jar in deploy/, a test harness's) is adopted, never managed.
     */
    private Held installOrAdopt(Path jar) throws BundleException, IOException {
        String location = "reference:" + jar.toUri();
        Bundle existing = context.getBundle(location);
        if (existing != null) {
            return new Held(existing, true); // ours, from before a restart that kept the framework cache
        }
        try {
            Bundle b = context.installBundle(location);
            Bundle self = context.getBundle();
            if (b.getBundleId() != self.getBundleId() && self.getSymbolicName().equals(b.getSymbolicName())) {
                // another build of the feature manager (a version qualifier of its own): one is enough
                b.uninstall();
                return new Held(self, false);
            }
            return new Held(b, true);
        } catch (BundleException e) {
            if (e.getType() != BundleException.DUPLICATE_BUNDLE_ERROR) {
                throw e;
            }
            Manifest m;
            try (InputStream in = Files.newInputStream(jar); JarInputStream j = new JarInputStream(in)) {
                m = j.getManifest();
            }
            String bsn = m == null ? null : m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            String version = m == null ? null : m.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
            if (bsn != null) {
                bsn = bsn.split(";")[0].strip();
                Version v = Version.parseVersion(version);
                for (Bundle b : context.getBundles()) {
                    if (bsn.equals(b.getSymbolicName()) && v.equals(b.getVersion())) {
                        return new Held(b, false);
                    }
                }
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- removing

    private Installed lookupInstalled(String feature) throws FeatureException {
        List<Installed> matches = installed.values().stream()
                .filter(i -> matches(i.descriptor(), feature)).toList();
        if (matches.size() == 1) {
            Installed i = matches.get(0);
            for (Descriptor.Entry e : i.descriptor().bundles()) {
                Held h = held.get(e.artifact().toString());
                if (h != null && h.bundle.getBundleId() == context.getBundle().getBundleId()) {
                    throw new FeatureException(Reason.CONFLICT, "feature " + i.descriptor().id()
                            + " holds the feature manager itself (" + context.getBundle().getSymbolicName()
                            + ") and cannot be removed");
                }
            }
            return i;
        }
        if (matches.size() > 1) {
            throw new FeatureException(Reason.CONFLICT, "'" + feature + "' names several installed features: "
                    + matches.stream().map(i -> i.descriptor().id().toString()).toList() + "; give the full id");
        }
        throw new FeatureException(catalog().valid.values().stream().anyMatch(d -> matches(d, feature))
                ? Reason.CONFLICT : Reason.UNKNOWN, "feature '" + feature + "' is not installed; installed: "
                        + installed.keySet());
    }

    static boolean matches(Descriptor d, String feature) {
        return feature.contains(":") ? d.id().toString().equals(feature) : d.id().artifactId().equals(feature);
    }

    /** The managed bundles of an installed feature that no other installed feature lists: what removing it uninstalls. */
    private List<Bundle> orphans(String id) {
        List<Bundle> orphans = new ArrayList<>();
        for (Descriptor.Entry e : installed.get(id).descriptor().bundles()) {
            Held h = held.get(e.artifact().toString());
            if (h != null && h.managed && h.features.equals(Set.of(id)) && !orphans.contains(h.bundle)) {
                orphans.add(h.bundle);
            }
        }
        return orphans;
    }

    /** Forgets a feature and uninstalls the managed bundles no other installed feature lists. */
    private void uninstall(String id) {
        List<Bundle> orphans = orphans(id);
        Installed i = installed.remove(id);
        for (Descriptor.Entry e : i.descriptor().bundles()) {
            String key = e.artifact().toString();
            Held h = held.get(key);
            if (h != null) {
                h.features.remove(id);
                if (h.features.isEmpty()) {
                    held.remove(key);
                }
            }
        }
        uninstallBundles(orphans);
        LOG.info("Feature {} removed ({} bundles uninstalled)", id, orphans.size());
    }

    /**
     * The bundles that stay installed but are wired to one of the bundles about to be
     * uninstalled, each with what it gets through those wires ("imports org.cerise.dispatch.routes
     * from org.cerise.dispatch.routes 0.1.0"): after the refresh they would not resolve.
     *
     * <p>Every wire counts, whatever its requirement: an optional import (or one wired through
     * DynamicImport-Package) loses its package just the same, and the bundle then fails with
     * NoClassDefFoundError instead of at resolution. The dependent's state does not matter
     * either: a stopped bundle is still wired, and bundles wired to it would go with it. Wires
     * of older revisions still in use (an update not yet refreshed) count too.
     */
    private static Map<Bundle, List<String>> dependents(Collection<Bundle> leaving) {
        Set<Long> ids = new HashSet<>();
        leaving.forEach(b -> ids.add(b.getBundleId()));
        Map<Bundle, List<String>> out = new TreeMap<>(Comparator.comparing((Bundle b) -> String.valueOf(b.getSymbolicName()))
                .thenComparingLong(Bundle::getBundleId));
        for (Bundle provider : leaving) {
            BundleRevisions revisions = provider.adapt(BundleRevisions.class);
            for (BundleRevision revision : revisions == null ? List.<BundleRevision>of() : revisions.getRevisions()) {
                BundleWiring wiring = revision.getWiring();
                if (wiring == null || !wiring.isInUse()) {
                    continue;
                }
                for (BundleWire wire : wiring.getProvidedWires(null)) {
                    Bundle requirer = wire.getRequirerWiring().getBundle();
                    if (ids.contains(requirer.getBundleId()) || requirer.getState() == Bundle.UNINSTALLED) {
                        continue;
                    }
                    List<String> needs = out.computeIfAbsent(requirer, r -> new ArrayList<>());
                    String what = needs(wire, provider);
                    if (!needs.contains(what)) {
                        needs.add(what);
                    }
                }
            }
        }
        return out;
    }

    /** What a wire gives its requirer, as a verb phrase: "imports org.example from org.example.b 1.0.0". */
    private static String needs(BundleWire wire, Bundle provider) {
        String from = provider.getSymbolicName() + " " + provider.getVersion();
        String namespace = wire.getCapability().getNamespace();
        Object value = wire.getCapability().getAttributes().get(namespace);
        switch (namespace) {
            case PackageNamespace.PACKAGE_NAMESPACE: {
                String resolution = wire.getRequirement().getDirectives().get(Constants.RESOLUTION_DIRECTIVE);
                String how = PackageNamespace.RESOLUTION_DYNAMIC.equals(resolution) ? "dynamically imports "
                        : Constants.RESOLUTION_OPTIONAL.equals(resolution) ? "optionally imports " : "imports ";
                return how + value + " from " + from;
            }
            case BundleNamespace.BUNDLE_NAMESPACE:
                return "requires the bundle " + from;
            case HostNamespace.HOST_NAMESPACE:
                return "is a fragment attached to " + from;
            default:
                return "needs " + namespace + (value == null ? "" : " " + value) + " from " + from;
        }
    }

    /** "org.example.app 1.0.0 imports org.example from org.example.b 1.0.0; org.example.other 2.0.0 ...". */
    private static String describe(Map<Bundle, List<String>> dependents) {
        List<String> parts = new ArrayList<>();
        dependents.forEach((b, needs) -> parts.add(b.getSymbolicName() + " " + b.getVersion() + " " + String.join(", ", needs)));
        return String.join("; ", parts);
    }

    /** Stops (in reverse order), uninstalls, and refreshes bundles, waiting for the refresh. */
    private void uninstallBundles(List<Bundle> bundles) {
        if (bundles.isEmpty()) {
            return;
        }
        List<Bundle> wired = new ArrayList<>();
        for (int n = bundles.size() - 1; n >= 0; n--) {
            Bundle b = bundles.get(n);
            if (b.getState() != Bundle.INSTALLED && b.getState() != Bundle.UNINSTALLED) {
                wired.add(b);
            }
            try {
                b.stop();
            } catch (BundleException | RuntimeException e) {
                LOG.warn("Stopping bundle {} failed (it is uninstalled anyway): {}", b.getSymbolicName(), e.toString());
            }
        }
        for (Bundle b : bundles) {
            try {
                b.uninstall();
            } catch (BundleException | IllegalStateException e) {
                LOG.warn("Uninstalling bundle {} failed: {}", b.getSymbolicName(), e.toString());
            }
        }
        if (!wired.isEmpty()) {
            refresh(wired);
        }
    }

    /** An uninstalled bundle stays wired until a refresh: let the framework drop it now. */
    private void refresh(Collection<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class).refreshBundles(bundles,
                event -> {
                    if (event.getType() == FrameworkEvent.ERROR) {
                        LOG.warn("Refreshing after an uninstall: {}", String.valueOf(event.getThrowable()));
                    }
                    done.countDown();
                });
        try {
            if (!done.await(REFRESH_TIMEOUT_S, TimeUnit.SECONDS)) {
                LOG.warn("The refresh after uninstalling {} bundles did not end within {} s", bundles.size(),
                        REFRESH_TIMEOUT_S);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- reading the model

    private FeatureInfo info(Descriptor d, Installed i) {
        List<FeatureBundleInfo> bundles = new ArrayList<>();
        for (Descriptor.Entry e : d.bundles()) {
            String key = e.artifact().toString();
            Held h = held.get(key);
            if (h == null) {
                bundles.add(new FeatureBundleInfo(key, null, null, -1, "NOT_INSTALLED", false, List.of()));
            } else {
                Bundle b = h.bundle;
                bundles.add(new FeatureBundleInfo(key, b.getSymbolicName(), b.getVersion().toString(),
                        b.getBundleId(), state(b.getState()), h.managed, List.copyOf(h.features)));
            }
        }
        return new FeatureInfo(d.id().toString(), d.id().artifactId(), d.title(), d.description(),
                i == null ? FeatureInfo.State.AVAILABLE : FeatureInfo.State.INSTALLED,
                i == null ? null : i.source().startsWith("file:") ? i.source().substring(5) : i.source(),
                d.file().toString(), List.copyOf(bundles), null);
    }

    private static String state(int state) {
        switch (state) {
            case Bundle.ACTIVE:
                return "ACTIVE";
            case Bundle.STARTING:
                return "STARTING";
            case Bundle.STOPPING:
                return "STOPPING";
            case Bundle.RESOLVED:
                return "RESOLVED";
            case Bundle.INSTALLED:
                return "INSTALLED";
            default:
                return "NOT_INSTALLED";
        }
    }

    private void save() {
        try {
            state.save();
        } catch (IOException e) {
            LOG.error("Cannot keep the installed features for the next start: {}", e.toString());
        }
    }

    /** The descriptors of the features folder, read afresh (a few small files). */
    private Catalog catalog() {
        Catalog c = new Catalog();
        if (!Files.isDirectory(featuresDir)) {
            return c;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(featuresDir, "*.json")) {
            dir.forEach(files::add);
        } catch (IOException e) {
            LOG.error("Cannot list the features folder {}: {}", featuresDir, e.toString());
        }
        files.sort(null);
        for (Path f : files) {
            try {
                Descriptor d = Descriptor.read(f);
                Descriptor before = c.valid.putIfAbsent(d.id().toString(), d);
                if (before != null) {
                    c.invalid.put(f, "feature " + d.id() + " is already described by " + before.file());
                }
            } catch (Descriptor.Malformed e) {
                c.invalid.put(f, e.getMessage());
            }
        }
        return c;
    }

    /** The features folder's descriptors: the usable ones by id, the others with their error. */
    private static final class Catalog {
        final Map<String, Descriptor> valid = new LinkedHashMap<>();
        final Map<Path, String> invalid = new LinkedHashMap<>();

        Descriptor lookup(String feature, Path dir) throws FeatureException {
            String name = feature == null ? "" : feature.strip();
            if (name.isEmpty()) {
                throw new FeatureException(Reason.UNKNOWN, "name a feature (its id or artifact id)");
            }
            List<Descriptor> matches = valid.values().stream().filter(d -> matches(d, name)).toList();
            if (matches.size() == 1) {
                return matches.get(0);
            }
            if (matches.size() > 1) {
                throw new FeatureException(Reason.CONFLICT, "'" + name + "' names several features: "
                        + matches.stream().map(d -> d.id().toString()).toList() + "; give the full id");
            }
            for (Map.Entry<Path, String> e : invalid.entrySet()) {
                if (e.getKey().getFileName().toString().equals(name + ".json")) {
                    throw new FeatureException(Reason.INVALID, e.getValue());
                }
            }
            throw new FeatureException(Reason.UNKNOWN, "no feature '" + name + "' in " + dir + "; available: "
                    + valid.values().stream().map(d -> d.id().artifactId()).toList());
        }
    }

    /** Why a bundle does not resolve, in one sentence. */
    private static final class Diagnosis {

        static String unresolved(FrameworkWiring wiring, Bundle b, String key) {
            StringBuilder why = new StringBuilder("bundle " + key + " (" + b.getSymbolicName() + " " + b.getVersion()
                    + ") cannot be resolved: ");
            Set<Long> seen = new HashSet<>();
            Bundle at = b;
            while (at != null && seen.add(at.getBundleId())) {
                Bundle next = null;
                BundleRevision rev = at.adapt(BundleRevision.class);
                for (BundleRequirement r : rev == null ? List.<BundleRequirement>of() : rev.getDeclaredRequirements(null)) {
                    String resolution = r.getDirectives().get(Constants.RESOLUTION_DIRECTIVE);
                    String effective = r.getDirectives().get(Constants.EFFECTIVE_DIRECTIVE);
                    if (Constants.RESOLUTION_OPTIONAL.equals(resolution) || "dynamic".equals(resolution)
                            || (effective != null && !effective.equals(Constants.EFFECTIVE_RESOLVE))) {
                        continue;
                    }
                    Collection<BundleCapability> providers = wiring.findProviders(r);
                    if (providers.isEmpty()) {
                        return why.append(at == b ? "" : "it needs " + at.getSymbolicName() + ", which ")
                                .append("requires ").append(r.getNamespace()).append(' ')
                                .append(r.getDirectives().get(Constants.FILTER_DIRECTIVE))
                                .append(" and no installed bundle provides it").toString();
                    }
                    if (next == null && providers.stream().allMatch(c -> c.getRevision().getBundle().getState() == Bundle.INSTALLED)) {
                        next = providers.iterator().next().getRevision().getBundle();
                    }
                }
                at = next;
            }
            return why.append("its requirements' providers conflict (uses constraints); see the framework log")
                    .toString();
        }
    }
}
