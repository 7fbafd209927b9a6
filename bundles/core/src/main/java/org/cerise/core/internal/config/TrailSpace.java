package org.cerise.core.internal.config;

import java.lang.reflect.AnnotatedElement;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The config world of one app mount: the global config, the app's sections, the compiler, and
 * a cache of compiled {@link Scope}s so that every distinct merged config is compiled once.
 */
public final class TrailSpace {

    private final Map<String, Map<String, Object>> sections;
    private final Set<String> sectionPrefixes = new HashSet<>();
    private final ScopeCompiler compiler;
    private final Function<Object, Map<String, Object>> nodeConfig;
    private final Map<List<Object>, Scope> scopes = new ConcurrentHashMap<>();
    private final List<Scope> failed = new CopyOnWriteArrayList<>();
    private final CoreConfigTrail root;

    /**
     * @param global     the global config
     * @param sections   the app's sections by path
     * @param compiler   compiles merged configs
     * @param nodeConfig the config an app object or member carries itself (its annotations)
     */
    public TrailSpace(Map<String, Object> global, Map<String, Map<String, Object>> sections, ScopeCompiler compiler,
            Function<Object, Map<String, Object>> nodeConfig) {
        this.sections = sections;
        this.compiler = compiler;
        this.nodeConfig = nodeConfig;
        for (String path : sections.keySet()) {
            for (String p = path; p.startsWith("/") && p.length() > 1; p = p.substring(0, p.lastIndexOf('/'))) {
                sectionPrefixes.add(p);
            }
        }
        Map<String, Object> rootConfig = new LinkedHashMap<>(global);
        Map<String, Object> rootSection = sections.get("/");
        merge(rootConfig, rootSection, "/");
        this.root = new CoreConfigTrail(this, "", scope(List.of("root"), rootConfig, "/"));
    }

    /** @return the trail at the app's root (global config and section {@code [/]}) */
    public CoreConfigTrail root() {
        return root;
    }

    /** @return the compiled scopes that cannot serve, for the mount to report */
    public List<Scope> failedScopes() {
        return failed;
    }

    /** @param path a walked path @return whether a section is at or below it */
    boolean sectionsAtOrBelow(String path) {
        return sectionPrefixes.contains(path);
    }

    /** @param path a walked path @return the app's section there, or {@code null} */
    Map<String, Object> section(String path) {
        return sections.get(path);
    }

    /** @param node an app object or member @return the config it carries (read-only, may be empty) */
    Map<String, Object> nodeConfig(Object node) {
        if (node == null) {
            return Map.of();
        }
        return nodeConfig.apply(node instanceof AnnotatedElement ? node : node.getClass());
    }

    /**
     * The scope for a parent scope extended by a node's config and a section, from the cache.
     *
     * @param parent      the parent scope
     * @param nodeConf    the node's config (may be empty)
     * @param sectionConf the section's config, or {@code null}
     * @param path        the walked path where these apply
     * @param nodeKey     what identifies the node's config (its class or member)
     * @return the scope
     */
    Scope extend(Scope parent, Map<String, Object> nodeConf, Map<String, Object> sectionConf, String path,
            Object nodeKey) {
        boolean pathMatters = sectionConf != null || nodeConf.containsKey("tools.staticdir.dir");
        List<Object> key = List.of(new Identity(parent), nodeKey == null ? "" : nodeKey,
                pathMatters ? path : "");
        Scope cached = scopes.get(key);
        if (cached != null) {
            return cached;
        }
        Map<String, Object> merged = new LinkedHashMap<>(parent.config);
        merge(merged, nodeConf, path);
        merge(merged, sectionConf, path);
        return scopes.computeIfAbsent(key, k -> scope(k, merged, path));
    }

    private Scope scope(List<Object> key, Map<String, Object> merged, String path) {
        Scope s = compiler.compile(Collections.unmodifiableMap(merged), path);
        if (s.failure != null) {
            failed.add(s);
        }
        return s;
    }

    /** CherryPy's set_conf: layers override in order; the staticdir section is where its dir was set. */
    private static void merge(Map<String, Object> into, Map<String, Object> layer, String path) {
        if (layer == null || layer.isEmpty()) {
            return;
        }
        into.putAll(layer);
        if (layer.containsKey("tools.staticdir.dir")) {
            into.put("tools.staticdir.section", path.isEmpty() ? "/" : path);
        }
    }

    /** Identity-based cache key for a parent scope. */
    private static final class Identity {
        private final Object ref;

        Identity(Object ref) {
            this.ref = ref;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Identity && ((Identity) o).ref == ref;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(ref);
        }
    }
}
