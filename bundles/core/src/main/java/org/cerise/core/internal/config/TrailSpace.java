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
    private final Map<String, Map<String, String>> sectionOrigins;
    private final Set<String> sectionPrefixes = new HashSet<>();
    private final ScopeCompiler compiler;
    private final Function<AnnotatedElement, Map<String, Object>> nodeConfig;
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
            Function<AnnotatedElement, Map<String, Object>> nodeConfig) {
        this(global, Map.of(), sections, Map.of(), compiler, nodeConfig, null);
    }

    /**
     * @param global         the global config
     * @param globalOrigins  where each global key was set
     * @param sections       the app's sections by path
     * @param sectionOrigins per section and key, where it was written (file, line, section)
     * @param compiler       compiles merged configs
     * @param nodeConfig     the config an app object or member carries itself (its annotations)
     * @param rootNode       the app's root object, whose config comes before section {@code [/]}
     *                       (CherryPy's root {@code _cp_config}), or {@code null}
     */
    public TrailSpace(Map<String, Object> global, Map<String, String> globalOrigins,
            Map<String, Map<String, Object>> sections, Map<String, Map<String, String>> sectionOrigins,
            ScopeCompiler compiler, Function<AnnotatedElement, Map<String, Object>> nodeConfig, Object rootNode) {
        this.sections = sections;
        this.sectionOrigins = sectionOrigins;
        this.compiler = compiler;
        this.nodeConfig = nodeConfig;
        for (String path : sections.keySet()) {
            for (String p = path; p.startsWith("/") && p.length() > 1; p = p.substring(0, p.lastIndexOf('/'))) {
                sectionPrefixes.add(p);
            }
        }
        Map<String, Object> rootConfig = new LinkedHashMap<>(global);
        Map<String, String> rootOrigins = new LinkedHashMap<>(globalOrigins);
        Scope rootScope;
        try {
            merge(rootConfig, rootOrigins, nodeConfig(rootNode), null, "/",
                    rootNode == null ? null : rootNode.getClass());
            merge(rootConfig, rootOrigins, sections.get("/"), sectionOrigins.get("/"), "/", null);
            rootScope = scope(rootConfig, rootOrigins, "/");
        } catch (AnnotationConfig.Invalid e) {
            rootScope = Scope.failed(rootConfig, rootOrigins, e.configException());
            failed.add(rootScope);
        }
        this.root = new CoreConfigTrail(this, "", rootScope);
    }

    /** @return the trail at the app's root (global config and section {@code [/]}) */
    public CoreConfigTrail root() {
        return root;
    }

    /** @return every scope compiled so far */
    public java.util.Collection<Scope> compiledScopes() {
        java.util.List<Scope> all = new java.util.ArrayList<>(scopes.values());
        all.add(root.scope());
        return all;
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
        return nodeConfig.apply(node instanceof AnnotatedElement ? (AnnotatedElement) node : node.getClass());
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
        Map<String, String> origins = new LinkedHashMap<>(parent.origins);
        merge(merged, origins, nodeConf, null, path, nodeKey);
        merge(merged, origins, sectionConf, sectionOrigins.get(path), path, null);
        return scopes.computeIfAbsent(key, k -> scope(merged, origins, path));
    }

    /**
     * A scope that cannot serve because the config of an object on the trail is wrong.
     *
     * @param parent the scope it would have extended
     * @param error  what is wrong
     * @return the failed scope, also recorded for the mount to report
     */
    Scope failed(Scope parent, org.cerise.api.ConfigException error) {
        Scope s = Scope.failed(parent.config, parent.origins, error);
        failed.add(s);
        return s;
    }

    private Scope scope(Map<String, Object> merged, Map<String, String> origins, String path) {
        Scope s = compiler.compile(Collections.unmodifiableMap(merged), Collections.unmodifiableMap(origins), path);
        if (s.failure != null) {
            failed.add(s);
        }
        return s;
    }

    /**
     * CherryPy's set_conf: layers override in order; the staticdir section is where its dir was
     * set. Each key also records where it came from, so that a bad value found after merging
     * still names its file, line and section.
     */
    private static void merge(Map<String, Object> into, Map<String, String> origins, Map<String, Object> layer,
            Map<String, String> layerOrigins, String path, Object node) {
        if (layer == null || layer.isEmpty()) {
            return;
        }
        into.putAll(layer);
        for (String key : layer.keySet()) {
            String origin = layerOrigins == null ? null : layerOrigins.get(key);
            if (origin == null && node != null) {
                origin = "the annotations of " + (node instanceof java.lang.reflect.Member
                        ? ((java.lang.reflect.Member) node).getDeclaringClass().getName() + "."
                                + ((java.lang.reflect.Member) node).getName() + "()"
                        : node instanceof Class ? ((Class<?>) node).getName() : String.valueOf(node));
            }
            if (origin == null) {
                origins.remove(key);
            } else {
                origins.put(key, origin);
            }
        }
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
