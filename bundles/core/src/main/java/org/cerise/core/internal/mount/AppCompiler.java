package org.cerise.core.internal.mount;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.cerise.api.ConfigException;
import org.cerise.api.dispatch.ConfigTrail;
import org.cerise.api.dispatch.Dispatcher;
import org.cerise.api.dispatch.Router;
import org.cerise.api.tool.ConfigNamespace;
import org.cerise.api.tool.Tool;
import org.cerise.core.internal.config.AnnotationConfig;
import org.cerise.core.internal.config.CoreConfigTrail;
import org.cerise.core.internal.config.MissingServiceException;
import org.cerise.core.internal.config.Scope;
import org.cerise.core.internal.config.ScopeCompiler;
import org.cerise.core.internal.config.TrailSpace;
import org.slf4j.LoggerFactory;

/**
 * Turns one app (its root object and merged config) into a {@link MountedApp}: prepares the
 * routers of the dispatchers its config names, compiles every config scope and its tools, and
 * refuses to produce a half-configured app. Used by the {@link Mounter} for every mount, and by
 * tests that run the pipeline without a framework.
 */
public final class AppCompiler {

    private final Function<String, Tool> tools;
    private final Function<String, Dispatcher> dispatchers;
    private final Function<String, ConfigNamespace> namespaces;
    private final ScopeCompiler.NamedServices services;

    /**
     * @param tools       registered tools by name ({@code null} when absent)
     * @param dispatchers registered dispatchers by name ({@code null} when absent)
     * @param namespaces  registered config namespaces by name ({@code null} when absent)
     */
    public AppCompiler(Function<String, Tool> tools, Function<String, Dispatcher> dispatchers,
            Function<String, ConfigNamespace> namespaces) {
        this(tools, dispatchers, namespaces, (type, property, name) -> null);
    }

    /**
     * @param tools       registered tools by name ({@code null} when absent)
     * @param dispatchers registered dispatchers by name ({@code null} when absent)
     * @param namespaces  registered config namespaces by name ({@code null} when absent)
     * @param services    finds the named services that tools ask for
     */
    public AppCompiler(Function<String, Tool> tools, Function<String, Dispatcher> dispatchers,
            Function<String, ConfigNamespace> namespaces, ScopeCompiler.NamedServices services) {
        this.tools = tools;
        this.dispatchers = dispatchers;
        this.namespaces = namespaces;
        this.services = services;
    }

    /** What a compiled app also tells its mounter. */
    public interface Compiled {
        /** @return the app, ready to serve */
        MountedApp app();

        /** @return config keys that no namespace reads */
        Set<String> unhandledKeys();
    }

    /**
     * @param root       the app's root object
     * @param name       the app's name
     * @param mountPath  its mount point
     * @param config     its merged config
     * @param appClasses loads classes from the app's bundle
     * @param templates  reads error page templates
     * @return the compiled app
     * @throws MissingServiceException if a tool, dispatcher or namespace it needs is not there
     * @throws ConfigException         if its config or structure is wrong
     */
    public Compiled compile(Object root, String name, String mountPath, AppConfig config,
            ScopeCompiler.AppClasses appClasses, Function<String, String> templates) throws ConfigException {
        return compile(root, name, mountPath, config, appClasses, templates, ScopeCompiler.AppEntries.NONE);
    }

    /**
     * @param root       the app's root object
     * @param name       the app's name
     * @param mountPath  its mount point
     * @param config     its merged config
     * @param appClasses loads classes from the app's bundle
     * @param templates  reads error page templates
     * @param appEntries reads entries of the app's bundle (its static files, for tools)
     * @return the compiled app
     * @throws MissingServiceException if a tool, dispatcher or namespace it needs is not there
     * @throws ConfigException         if its config or structure is wrong
     */
    public Compiled compile(Object root, String name, String mountPath, AppConfig config,
            ScopeCompiler.AppClasses appClasses, Function<String, String> templates,
            ScopeCompiler.AppEntries appEntries) throws ConfigException {
        Map<String, Map<String, Object>> sections = config.sections();
        ScopeCompiler compiler = new ScopeCompiler(tools, namespaces, appClasses, services, appEntries);
        TrailSpace space = new TrailSpace(config.base(), config.baseOrigins(), sections, config.sectionOrigins(),
                compiler, new AnnotationConfig()::of, root);
        CoreDispatchContext ctx = new CoreDispatchContext(root, mountPath, name, sections, space);

        Map<String, Router> prepared = new HashMap<>();
        Set<String> preparing = new HashSet<>();
        // A dispatcher that hands on to a next one (vhost) prepares it through the context;
        // it shares the routers prepared here, so each dispatcher prepares the app once.
        ctx.preparer(next -> router(next, ctx, prepared, preparing, name, null));
        Map<String, Router> bySection = new HashMap<>();
        Map<String, String> namesBySection = new HashMap<>();
        String rootDispatch = "tree";
        for (Map.Entry<String, Map<String, Object>> s : sections.entrySet()) {
            Object d = s.getValue().get("request.dispatch");
            if (d == null) {
                continue;
            }
            if (!(d instanceof String)) {
                throw new ConfigException("Config error in " + config.sectionOrigins().get(s.getKey())
                        .get("request.dispatch") + ", key 'request.dispatch': the value must name a dispatcher in "
                        + "quotes, e.g. \"method\"");
            }
            Router router = router((String) d, ctx, prepared, preparing, name, s.getKey());
            if (s.getKey().equals("/")) {
                rootDispatch = (String) d;
            }
            bySection.put(s.getKey(), router);
            namesBySection.put(s.getKey(), (String) d);
        }
        Router defaultRouter = router(rootDispatch, ctx, prepared, preparing, name, "/");
        bySection.remove("/");
        namesBySection.remove("/");

        // Compile every config section on its own too, so that a bad value anywhere keeps
        // the app from mounting instead of failing its first request there.
        for (String path : sections.keySet()) {
            ConfigTrail t = space.root();
            for (String seg : path.substring(1).split("/")) {
                if (!seg.isEmpty()) {
                    t = t.step(seg, null);
                }
            }
        }
        List<Scope> failed = space.failedScopes();
        if (!failed.isEmpty()) {
            throw failed.stream().map(s -> s.failure).filter(f -> f instanceof MissingServiceException).findFirst()
                    .orElse(failed.get(0).failure);
        }
        Set<String> unhandled = new TreeSet<>();
        space.compiledScopes().forEach(scope -> unhandled.addAll(scope.unhandledKeys));
        Scope rootScope = ((CoreConfigTrail) space.root()).scope();
        MountedApp app = new MountedApp(name, mountPath, rootScope, defaultRouter,
                bySection.isEmpty() ? Map.of() : Map.copyOf(bySection), templates,
                LoggerFactory.getLogger("cerise.error." + name), LoggerFactory.getLogger("cerise.access." + name),
                rootDispatch, Map.copyOf(namesBySection), List.copyOf(toolsUsed(space)));
        return new Compiled() {
            @Override
            public MountedApp app() {
                return app;
            }

            @Override
            public Set<String> unhandledKeys() {
                return unhandled;
            }
        };
    }

    private static Set<String> toolsUsed(TrailSpace space) {
        Set<String> used = new TreeSet<>();
        space.compiledScopes().forEach(scope -> used.addAll(scope.tools));
        return used;
    }

    /**
     * @param section the config section naming the dispatcher, or {@code null} when another
     *                dispatcher asks for it ({@link CoreDispatchContext#prepare(String)})
     */
    private Router router(String dispatcher, CoreDispatchContext ctx, Map<String, Router> prepared,
            Set<String> preparing, String app, String section) throws ConfigException {
        Router router = prepared.get(dispatcher);
        if (router == null) {
            Dispatcher d = dispatchers.apply(dispatcher);
            if (d == null) {
                throw new MissingServiceException("dispatcher", dispatcher, section == null
                        ? "another dispatcher of app '" + app + "' hands requests on to it"
                        : "request.dispatch = \"" + dispatcher + "\" in section [" + section + "] of app '" + app + "'");
            }
            if (!preparing.add(dispatcher)) {
                throw new ConfigException("the dispatcher '" + dispatcher + "' of app '" + app
                        + "' hands requests on to itself (through its next dispatchers)");
            }
            try {
                router = d.prepare(ctx);
            } finally {
                preparing.remove(dispatcher);
            }
            if (router == null) {
                throw new ConfigException("the dispatcher '" + dispatcher + "' prepared no router for app '" + app + "'");
            }
            prepared.put(dispatcher, router);
        }
        return router;
    }
}
