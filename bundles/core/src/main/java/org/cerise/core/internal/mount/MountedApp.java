package org.cerise.core.internal.mount;

import java.util.Map;
import java.util.function.Function;

import org.cerise.api.Request;
import org.cerise.api.dispatch.Route;
import org.cerise.api.dispatch.Router;
import org.cerise.core.internal.config.Scope;
import org.slf4j.Logger;

/**
 * One generation of a mounted app: everything its requests need, computed at mount time and
 * never changed afterwards. A re-mount builds a new generation; requests already running keep
 * the one they started with.
 */
public final class MountedApp {

    private final String name;
    private final String mountPath;
    private final Scope rootScope;
    private final Router defaultRouter;
    private final Map<String, Router> routersBySection;
    private final Function<String, String> templates;
    private final Logger errorLog;
    private final Logger accessLog;
    private final String rootDispatcher;
    private final Map<String, String> dispatcherNames;
    private final java.util.List<String> tools;
    private final java.util.concurrent.atomic.LongAdder requests;

    /**
     * @param name             the app's name
     * @param mountPath        the mount point, {@code ""} for the root
     * @param rootScope        the scope of the app's root (for errors before dispatch)
     * @param defaultRouter    the router for paths no {@code request.dispatch} section covers
     * @param routersBySection routers of sections that set {@code request.dispatch}
     * @param templates        reads {@code error_page} template locations
     * @param errorLog         the app's error logger
     * @param accessLog        the app's access logger
     */
    public MountedApp(String name, String mountPath, Scope rootScope, Router defaultRouter,
            Map<String, Router> routersBySection, Function<String, String> templates, Logger errorLog,
            Logger accessLog) {
        this(name, mountPath, rootScope, defaultRouter, routersBySection, templates, errorLog, accessLog, "tree",
                Map.of(), java.util.List.of());
    }

    /**
     * @param name             the app's name
     * @param mountPath        the mount point, {@code ""} for the root
     * @param rootScope        the scope of the app's root (for errors before dispatch)
     * @param defaultRouter    the router for paths no {@code request.dispatch} section covers
     * @param routersBySection routers of sections that set {@code request.dispatch}
     * @param templates        reads {@code error_page} template locations
     * @param errorLog         the app's error logger
     * @param accessLog        the app's access logger
     * @param rootDispatcher   the name of the dispatcher of {@code defaultRouter}
     * @param dispatcherNames  the dispatcher names of {@code routersBySection}, by section
     * @param tools            the tools turned on anywhere in the app, for the runtime model
     */
    public MountedApp(String name, String mountPath, Scope rootScope, Router defaultRouter,
            Map<String, Router> routersBySection, Function<String, String> templates, Logger errorLog,
            Logger accessLog, String rootDispatcher, Map<String, String> dispatcherNames,
            java.util.List<String> tools) {
        this.rootDispatcher = rootDispatcher;
        this.dispatcherNames = dispatcherNames;
        this.tools = java.util.List.copyOf(tools);
        this.requests = RequestCounts.forApp(name);
        this.name = name;
        this.mountPath = mountPath;
        this.rootScope = rootScope;
        this.defaultRouter = defaultRouter;
        this.routersBySection = routersBySection;
        this.templates = templates;
        this.errorLog = errorLog;
        this.accessLog = accessLog;
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the mount point */
    public String mountPath() {
        return mountPath;
    }

    /** @return the root scope */
    public Scope rootScope() {
        return rootScope;
    }

    /** @return the error-page template reader */
    public Function<String, String> templates() {
        return templates;
    }

    /** @return the app's error logger */
    public Logger errorLog() {
        return errorLog;
    }

    /** @return the app's access logger */
    public Logger accessLog() {
        return accessLog;
    }

    /** @return the app's request counter */
    public java.util.concurrent.atomic.LongAdder requests() {
        return requests;
    }

    /** @return the tools turned on anywhere in the app, sorted */
    public java.util.List<String> tools() {
        return tools;
    }

    /** @return the dispatchers the app uses, the root's first */
    public java.util.List<String> dispatchers() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        names.add(rootDispatcher);
        names.addAll(new java.util.TreeSet<>(dispatcherNames.values()));
        return java.util.List.copyOf(names);
    }

    /**
     * @param pathInfo the path below the mount point
     * @return the name of the dispatcher that routes it (as {@link #route} chooses)
     */
    public String dispatcherFor(String pathInfo) {
        String section = section(pathInfo);
        return section == null ? rootDispatcher : dispatcherNames.getOrDefault(section, rootDispatcher);
    }

    /** The deepest section on the path's boundaries that names a dispatcher, or {@code null}. */
    private String section(String pathInfo) {
        String trail = pathInfo.isEmpty() ? "/" : pathInfo;
        while (!trail.isEmpty()) {
            if (routersBySection.containsKey(trail)) {
                return trail;
            }
            int slash = trail.lastIndexOf('/');
            if (slash < 0) {
                break;
            }
            trail = slash == 0 && !trail.equals("/") ? "/" : trail.substring(0, slash);
        }
        return null;
    }

    /**
     * Routes a path with the dispatcher that {@code request.dispatch} names for it: the
     * deepest app config section on the path's {@code /} boundaries that sets it (CherryPy's
     * {@code app.find_config(path, 'request.dispatch')}).
     *
     * @param pathInfo the path below the mount point
     * @param request  the request
     * @return the route
     */
    public Route route(String pathInfo, Request request) {
        if (routersBySection.isEmpty()) {
            return defaultRouter.route(pathInfo, request);
        }
        String trail = pathInfo.isEmpty() ? "/" : pathInfo;
        while (!trail.isEmpty()) {
            Router r = routersBySection.get(trail);
            if (r != null) {
                return r.route(pathInfo, request);
            }
            int slash = trail.lastIndexOf('/');
            if (slash < 0) {
                break;
            }
            trail = slash == 0 && !trail.equals("/") ? "/" : trail.substring(0, slash);
        }
        return defaultRouter.route(pathInfo, request);
    }
}
