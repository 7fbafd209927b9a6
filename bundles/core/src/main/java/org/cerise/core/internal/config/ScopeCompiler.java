package org.cerise.core.internal.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.cerise.api.ConfigException;
import org.cerise.api.tool.Hook;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.ConfigNamespace;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;

/**
 * Compiles a merged config into a {@link Scope}: reads the {@code request.*},
 * {@code response.*} and {@code error_page.*} keys into fields (checking their types) and sets
 * up every tool that {@code tools.NAME.on = True} turns on.
 */
public final class ScopeCompiler {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** Namespaces Cerise reads itself; {@code server}, {@code engine}, {@code log}, {@code checker} and {@code tree} configure the container. */
    static final Set<String> BUILT_IN_NAMESPACES = Set.of("tools", "request", "response", "error_page", "hooks", "log",
            "server", "engine", "checker", "tree", "wsgi");

    private final Function<String, Tool> tools;
    private final Function<String, ConfigNamespace> namespaces;
    private final AppClasses appClasses;
    private final NamedServices services;
    private final AppEntries appEntries;

    /** Loads classes named in config ({@code hooks.*}) from the app's bundle. */
    @FunctionalInterface
    public interface AppClasses {
        /**
         * @param name a class name
         * @return the class, as the app's bundle sees it
         * @throws ClassNotFoundException if the app's bundle has no such class
         */
        Class<?> load(String name) throws ClassNotFoundException;
    }

    /**
     * Finds the services that tools ask for by name ({@link ToolSetup#service}); the finder
     * also remembers that the app depends on them.
     */
    @FunctionalInterface
    public interface NamedServices {
        /**
         * @param type     the service interface, as the asking tool sees it
         * @param property the service property carrying the name
         * @param name     the name
         * @return the highest-ranked such service, or {@code null} if none is registered
         */
        Object find(Class<?> type, String property, String name);
    }

    /**
     * Reads entries of the app's own bundle ({@link ToolSetup#appEntry}): {@code Bundle.getEntry}
     * in the container, a class loader or a folder in tests.
     */
    @FunctionalInterface
    public interface AppEntries {
        /** No bundle to read: every entry is absent. */
        AppEntries NONE = path -> null;

        /**
         * @param path the entry's path inside the bundle, {@code /}-separated
         * @return the entry, or {@code null} if there is none
         */
        java.net.URL entry(String path);
    }

    /** @param tools the registered tools by name ({@code null} for a name not registered) */
    public ScopeCompiler(Function<String, Tool> tools) {
        this(tools, name -> null, name -> {
            throw new ClassNotFoundException(name);
        });
    }

    /**
     * @param tools      the registered tools by name ({@code null} for a name not registered)
     * @param namespaces the registered config namespaces by name ({@code null} if none)
     * @param appClasses loads classes from the app's bundle
     */
    public ScopeCompiler(Function<String, Tool> tools, Function<String, ConfigNamespace> namespaces,
            AppClasses appClasses) {
        this(tools, namespaces, appClasses, (type, property, name) -> null);
    }

    /**
     * @param tools      the registered tools by name ({@code null} for a name not registered)
     * @param namespaces the registered config namespaces by name ({@code null} if none)
     * @param appClasses loads classes from the app's bundle
     * @param services   finds the named services tools ask for
     */
    public ScopeCompiler(Function<String, Tool> tools, Function<String, ConfigNamespace> namespaces,
            AppClasses appClasses, NamedServices services) {
        this(tools, namespaces, appClasses, services, AppEntries.NONE);
    }

    /**
     * @param tools      the registered tools by name ({@code null} for a name not registered)
     * @param namespaces the registered config namespaces by name ({@code null} if none)
     * @param appClasses loads classes from the app's bundle
     * @param services   finds the named services tools ask for
     * @param appEntries reads entries of the app's bundle, for {@link ToolSetup#appEntry}
     */
    public ScopeCompiler(Function<String, Tool> tools, Function<String, ConfigNamespace> namespaces,
            AppClasses appClasses, NamedServices services, AppEntries appEntries) {
        this.tools = tools;
        this.namespaces = namespaces;
        this.appClasses = appClasses;
        this.services = services;
        this.appEntries = appEntries;
    }

    /**
     * @param config the merged config
     * @param path   the config path, for messages
     * @return the scope; a scope with a {@link Scope#failure} if a key is wrong or a tool missing
     */
    public Scope compile(Map<String, Object> config, String path) {
        return compile(config, Map.of(), path);
    }

    /**
     * @param config  the merged config
     * @param origins where each key was set (file, line, section), for messages
     * @param path    the config path, for messages about keys without an origin
     * @return the scope; a scope with a {@link Scope#failure} if a key is wrong or a tool missing
     */
    public Scope compile(Map<String, Object> config, Map<String, String> origins, String path) {
        try {
            return compileOrThrow(config, new Origins(origins, path));
        } catch (ConfigException e) {
            return Scope.failed(config, origins, e);
        }
    }

    /** Says where a key of the merged config was set. */
    record Origins(Map<String, String> byKey, String path) {
        String of(String key) {
            String origin = byKey.get(key);
            return origin != null ? origin : "the config for " + (path.isEmpty() ? "/" : path);
        }

        ConfigException bad(String key, Object value, String problem) {
            return new ConfigException("Config error in " + of(key) + ", key '" + key + "': " + Literals.repr(value)
                    + " " + problem);
        }
    }

    private Scope compileOrThrow(Map<String, Object> config, Origins where) throws ConfigException {
        boolean showTracebacks = bool(config, "request.show_tracebacks", true, where);
        boolean stream = bool(config, "response.stream", false, where);
        boolean processBody = bool(config, "request.process_request_body", true, where);
        Set<String> methodsWithBodies = new LinkedHashSet<>();
        Object mwb = config.getOrDefault("request.methods_with_bodies", List.of("POST", "PUT", "PATCH"));
        if (!(mwb instanceof List)) {
            throw where.bad("request.methods_with_bodies", mwb, "must be a list or tuple of method names");
        }
        for (Object m : (List<?>) mwb) {
            methodsWithBodies.add(String.valueOf(m).toUpperCase(Locale.ROOT));
        }
        long maxBody = integer(config, "request.body.maxbytes",
                integer(config, "server.max_request_body_size", 100L * 1024 * 1024, where), where);

        Map<String, String> errorPages = new LinkedHashMap<>();
        List<String[]> responseHeaders = new ArrayList<>();
        Set<String> toolNames = new LinkedHashSet<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("error_page.")) {
                String code = key.substring("error_page.".length());
                if (!code.equals("default") && !code.matches("[1-5][0-9][0-9]")) {
                    throw where.bad(key, e.getValue(), "is not used: error pages are keyed by a status code or 'default'");
                }
                if (!(e.getValue() instanceof String)) {
                    throw where.bad(key, e.getValue(), "must be the path of a template file, in quotes");
                }
                errorPages.put(code, (String) e.getValue());
            } else if (key.startsWith("response.headers.")) {
                if (e.getValue() != null) {
                    responseHeaders.add(new String[] {key.substring("response.headers.".length()),
                            String.valueOf(e.getValue())});
                }
            } else if (key.startsWith("tools.") && key.endsWith(".on")) {
                String name = key.substring("tools.".length(), key.length() - ".on".length());
                Object on = e.getValue();
                if (!(on instanceof Boolean)) {
                    throw where.bad(key, on, "must be True or False");
                }
                if ((Boolean) on) {
                    toolNames.add(name);
                }
            }
        }

        List<HookEntry> hooks = new ArrayList<>();
        bareHooks(config, where, hooks);
        Set<String> unhandled = new LinkedHashSet<>();
        for (String namespace : namespacesOf(config)) {
            if (BUILT_IN_NAMESPACES.contains(namespace)) {
                continue;
            }
            ConfigNamespace handler = namespaces.apply(namespace);
            if (handler == null) {
                config.keySet().stream().filter(k -> k.startsWith(namespace + ".")).forEach(unhandled::add);
                continue;
            }
            try {
                handler.setup(new Setup(namespace, namespace + ".", where, config, hooks));
            } catch (ConfigException ce) {
                throw ce;
            } catch (RuntimeException re) {
                throw new ConfigException("Config error in the config for " + where.path() + ": the config namespace '"
                        + namespace + "' failed to set up: " + re, re);
            }
        }
        for (String name : toolNames) {
            Tool tool = tools.apply(name);
            if (tool == null) {
                throw new MissingServiceException("tool", name, "tools." + name + ".on = True in "
                        + where.of("tools." + name + ".on"));
            }
            Setup setup = new Setup(name, "tools." + name + ".", where, config, hooks);
            try {
                tool.setup(setup);
            } catch (ConfigException ce) {
                throw ce;
            } catch (RuntimeException re) {
                throw new ConfigException("Config error in " + where.of("tools." + name + ".on") + ": the tool '" + name
                        + "' failed to set up: " + re, re);
            }
        }
        HookEntry[][] byPoint = new HookEntry[HookPoint.values().length][];
        for (HookPoint p : HookPoint.values()) {
            byPoint[p.ordinal()] = hooks.stream().filter(h -> h.point() == p).sorted().toArray(HookEntry[]::new);
        }
        return new Scope(config, where.byKey(), byPoint, showTracebacks, Collections.unmodifiableMap(errorPages),
                List.copyOf(responseHeaders), stream, Collections.unmodifiableSet(methodsWithBodies), processBody,
                maxBody, Collections.unmodifiableSet(toolNames), Collections.unmodifiableSet(unhandled), null);
    }

    /** The first dotted atom of every key that has one. */
    private static Set<String> namespacesOf(Map<String, Object> config) {
        Set<String> out = new LinkedHashSet<>();
        for (String key : config.keySet()) {
            int dot = key.indexOf('.');
            if (dot > 0) {
                out.add(key.substring(0, dot));
            }
        }
        return out;
    }

    /**
     * CherryPy's {@code hooks} namespace: {@code hooks.POINT = "class"} (or
     * {@code hooks.POINT.N} for several) attaches a bare hook, an instance of a class of the
     * app's bundle that implements {@link Hook}, at priority 50.
     */
    private void bareHooks(Map<String, Object> config, Origins where, List<HookEntry> hooks) throws ConfigException {
        for (Map.Entry<String, Object> e : config.entrySet()) {
            if (!e.getKey().startsWith("hooks.")) {
                continue;
            }
            String rest = e.getKey().substring("hooks.".length());
            int dot = rest.indexOf('.');
            String pointName = dot < 0 ? rest : rest.substring(0, dot);
            HookPoint point;
            try {
                point = HookPoint.fromConfigName(pointName);
            } catch (IllegalArgumentException ex) {
                throw where.bad(e.getKey(), e.getValue(), "names no hook point; the points are on_start_resource, "
                        + "before_request_body, before_handler, before_finalize, on_end_resource, "
                        + "before_error_response, after_error_response, on_end_request");
            }
            if (!(e.getValue() instanceof String)) {
                throw where.bad(e.getKey(), e.getValue(), "must name a class of the app that implements "
                        + Hook.class.getName() + ", in quotes");
            }
            Hook hook;
            try {
                Class<?> type = appClasses.load((String) e.getValue());
                if (!Hook.class.isAssignableFrom(type)) {
                    throw where.bad(e.getKey(), e.getValue(), "names a class that does not implement "
                            + Hook.class.getName());
                }
                hook = (Hook) type.getDeclaredConstructor().newInstance();
            } catch (ClassNotFoundException ex) {
                throw where.bad(e.getKey(), e.getValue(), "names a class the app's bundle does not have");
            } catch (ReflectiveOperationException | LinkageError ex) {
                throw where.bad(e.getKey(), e.getValue(), "cannot be created with its no-argument constructor: " + ex);
            }
            hooks.add(new HookEntry(point, 50, false, hook, "hooks." + rest, SEQUENCE.incrementAndGet()));
        }
    }

    private static boolean bool(Map<String, Object> config, String key, boolean dflt, Origins where)
            throws ConfigException {
        return typed(config, key, dflt, Boolean.class, "must be True or False", where);
    }

    private static long integer(Map<String, Object> config, String key, long dflt, Origins where)
            throws ConfigException {
        return typed(config, key, dflt, Long.class, "must be an integer", where);
    }

    /** A value of the given type, the default when absent, an error naming key and origin otherwise. */
    private static <T> T typed(Map<String, Object> values, String key, T dflt, Class<T> type, String problem,
            Origins where) throws ConfigException {
        Object v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (!type.isInstance(v)) {
            throw where.bad(key, v, problem);
        }
        return type.cast(v);
    }

    /** The {@link ToolSetup} a tool sees for one scope. */
    private final class Setup implements ToolSetup {
        private final String name;
        private final String prefix;
        private final Origins where;
        private final Map<String, Object> config;
        private final Map<String, Object> args;
        private final List<HookEntry> hooks;

        Setup(String name, String prefix, Origins where, Map<String, Object> config, List<HookEntry> hooks) {
            this.name = name;
            this.prefix = prefix;
            this.where = where;
            this.config = config;
            this.hooks = hooks;
            Map<String, Object> a = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : config.entrySet()) {
                if (e.getKey().startsWith(prefix)) {
                    String arg = e.getKey().substring(prefix.length());
                    if (!arg.equals("on") && !arg.equals("priority")) {
                        a.put(arg, e.getValue());
                    }
                }
            }
            this.args = Collections.unmodifiableMap(a);
        }

        @Override
        public String toolName() {
            return name;
        }

        @Override
        public String path() {
            return where.path().isEmpty() ? "/" : where.path();
        }

        @Override
        public Map<String, Object> args() {
            return args;
        }

        @Override
        public Map<String, Object> config() {
            return config;
        }

        @Override
        public String stringArg(String arg, String dflt) throws ConfigException {
            return typed(arg, dflt, String.class, "must be a quoted string");
        }

        @Override
        public boolean booleanArg(String arg, boolean dflt) throws ConfigException {
            return typed(arg, dflt, Boolean.class, "must be True or False");
        }

        @Override
        public long longArg(String arg, long dflt) throws ConfigException {
            return typed(arg, dflt, Long.class, "must be an integer");
        }

        /** An argument, read from the merged config under its full key so that messages name it. */
        private <T> T typed(String arg, T dflt, Class<T> type, String problem) throws ConfigException {
            return ScopeCompiler.typed(config, prefix + arg, dflt, type, problem, where);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Object> listArg(String arg) throws ConfigException {
            Object v = args.get(arg);
            if (v == null) {
                return List.of();
            }
            if (v instanceof List) {
                return (List<Object>) v;
            }
            if (v instanceof Map) {
                throw badArg(arg, "must be a list or a single value");
            }
            return Arrays.asList(v);
        }

        @Override
        public int priority(int dflt) throws ConfigException {
            Object v = config.get(prefix + "priority");
            if (v == null) {
                return dflt;
            }
            if (!(v instanceof Long) || (Long) v > Integer.MAX_VALUE || (Long) v < Integer.MIN_VALUE) {
                throw where.bad(prefix + "priority", v, "must be an integer");
            }
            return ((Long) v).intValue();
        }

        @Override
        public void hook(HookPoint point, int priority, boolean failsafe, Hook hook) {
            hooks.add(new HookEntry(point, priority, failsafe, hook, name, SEQUENCE.incrementAndGet()));
        }

        @Override
        public void allowArgs(String... names) throws ConfigException {
            List<String> allowed = Arrays.asList(names);
            for (String arg : args.keySet()) {
                if (!allowed.contains(arg)) {
                    throw badArg(arg, "is not an argument of " + prefix.substring(0, prefix.length() - 1)
                            + (names.length == 0 ? " (it takes none)" : " (it takes " + String.join(", ", names) + ")"));
                }
            }
        }

        @Override
        public <S> S service(String arg, Class<S> type, String property) throws ConfigException {
            String serviceName = stringArg(arg, null);
            if (serviceName == null) {
                throw badArg(arg, "must name a " + type.getName() + " service (its " + property + " property)");
            }
            Object found = services.find(type, property, serviceName);
            String waiting = "the app waits for a service " + type.getName() + " registered with " + property + "="
                    + serviceName;
            if (found == null) {
                throw new MissingServiceException("service", serviceName, where.bad(prefix + arg, serviceName,
                        "names no registered service: " + waiting).getMessage(), true);
            }
            if (!type.isInstance(found)) {
                throw new MissingServiceException("service", serviceName, where.bad(prefix + arg, serviceName,
                        "names a service built against another version of " + type.getName() + " than the tool's: "
                                + waiting).getMessage(), true);
            }
            return type.cast(found);
        }

        @Override
        public java.net.URL appEntry(String path) {
            return appEntries.entry(path.startsWith("/") ? path.substring(1) : path);
        }

        @Override
        public ConfigException badArg(String arg, String problem) {
            return where.bad(prefix + arg, args.get(arg), problem);
        }
    }
}
