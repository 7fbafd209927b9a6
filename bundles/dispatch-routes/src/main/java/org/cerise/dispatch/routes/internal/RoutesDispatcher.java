package org.cerise.dispatch.routes.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.cerise.api.ConfigException;
import org.cerise.api.Handler;
import org.cerise.api.dispatch.CeriseDispatcher;
import org.cerise.api.dispatch.ConfigTrail;
import org.cerise.api.dispatch.DispatchContext;
import org.cerise.api.dispatch.Dispatcher;
import org.cerise.api.dispatch.Router;
import org.cerise.dispatch.routes.RouteInfo;
import org.cerise.dispatch.routes.RouteMap;
import org.cerise.dispatch.routes.Routes;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code RoutesDispatcher}, named {@code routes}: the app's root object, a
 * {@link Routes}, connects named URL templates to controller methods; the first route that
 * matches a path answers. Everything (templates, regexes, method lookup, binding, config
 * trails) is prepared here; routing a request is a regex match per route tried.
 */
@Component(service = Dispatcher.class)
@CeriseDispatcher(name = "routes")
public final class RoutesDispatcher implements Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesDispatcher.class);

    @Override
    public Router prepare(DispatchContext app) throws ConfigException {
        Object root = app.root();
        if (!(root instanceof Routes)) {
            throw new ConfigException("App '" + app.appName() + "' uses request.dispatch = \"routes\", but its root "
                    + root.getClass().getName() + " does not implement " + Routes.class.getName()
                    + " to connect its routes");
        }
        Builder map = new Builder();
        try {
            ((Routes) root).connect(map);
        } catch (RuntimeException e) {
            throw new ConfigException("App '" + app.appName() + "': " + root.getClass().getName()
                    + ".connect(RouteMap) failed: " + e, e);
        } finally {
            map.open = false;
        }
        ConfigTrail rootTrail = app.rootTrail();
        // Config sections below [/] may apply to any path: then trails are walked per request,
        // as CherryPy merges them; otherwise each route's trail is the same for every request.
        boolean walk = app.sections().keySet().stream().anyMatch(s -> !s.equals("/"));
        Map<Class<?>, Map<String, List<Method>>> methodsByClass = new LinkedHashMap<>();
        List<CompiledRoute> compiled = new ArrayList<>(map.connections.size());
        for (Connected c : map.connections) {
            Template template = Template.parse(c.name, c.template, c.requirements);
            Class<?> type = c.controller.getClass();
            List<Method> candidates = methodsByClass.computeIfAbsent(type, RoutesDispatcher::publicMethods)
                    .getOrDefault(c.action, List.of());
            if (candidates.size() > 1) {
                throw new ConfigException("Route '" + c.name + "' (" + c.template + "): " + type.getName()
                        + " has " + candidates.size() + " public methods named '" + c.action
                        + "'; an action must name one method");
            }
            Method method = candidates.isEmpty() ? null : candidates.get(0);
            Handler handler = method == null ? null : app.bind(c.controller, method);
            if (method == null) {
                // CherryPy answers 404 for such a route (getattr(controller, action, None)).
                LOG.warn("App '{}': route '{}' ({}) names the action '{}', which {} does not have; it answers 404",
                        app.appName(), c.name, c.template, c.action, type.getName());
            }
            // Built (and its config compiled) now even when walking, so that a bad @Config on
            // the controller or the action keeps the app from mounting.
            ConfigTrail trail = rootTrail.member(type);
            if (method != null) {
                trail = trail.member(method);
            }
            Map<String, String> params = Collections.unmodifiableMap(new LinkedHashMap<>(c.params));
            RouteInfo info = new RouteInfo(c.name, c.template, c.methods == null ? List.of() : List.copyOf(c.methods),
                    type, c.action, Collections.unmodifiableMap(new LinkedHashMap<>(template.variables)), params,
                    method != null);
            compiled.add(new CompiledRoute(template, c.methods == null ? null : Set.copyOf(c.methods), handler, type,
                    method, params, trail, info));
        }
        // Python Routes (2.5.1, Mapper._match) groups the routes by their literal prefix and tries
        // the longest prefixes first, in connect order among routes of equal prefix length
        // (routes of different prefixes of one length never both match a path).
        compiled.sort(Comparator.comparingInt((CompiledRoute r) -> r.template.prefix.length()).reversed());
        return new RoutesRouter(compiled, rootTrail, app.notFound(), walk);
    }

    /** The public methods a route's action may name: not Object's, not synthetic; by name. */
    private static Map<String, List<Method>> publicMethods(Class<?> type) {
        Map<String, List<Method>> out = new LinkedHashMap<>();
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() == Object.class || m.isSynthetic() || m.isBridge()
                    || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            out.computeIfAbsent(m.getName(), k -> new ArrayList<>(1)).add(m);
        }
        return out;
    }

    /** The map an app's {@link Routes#connect} fills. */
    private static final class Builder implements RouteMap {
        final List<Connected> connections = new ArrayList<>();
        boolean open = true;

        @Override
        public RouteMap.Connection connect(String name, String template, Object controller) {
            if (!open) {
                throw new IllegalStateException("routes are connected in Routes.connect only");
            }
            Connected c = new Connected(Objects.requireNonNull(name, "name"),
                    Objects.requireNonNull(template, "template"), Objects.requireNonNull(controller, "controller"));
            connections.add(c);
            return c;
        }
    }

    /** One route as connected. */
    private static final class Connected implements RouteMap.Connection {
        final String name;
        final String template;
        final Object controller;
        String action = "index";
        Set<String> methods;
        final Map<String, String> requirements = new LinkedHashMap<>();
        final Map<String, String> params = new LinkedHashMap<>();

        Connected(String name, String template, Object controller) {
            this.name = name;
            this.template = template;
            this.controller = controller;
        }

        @Override
        public RouteMap.Connection action(String a) {
            this.action = Objects.requireNonNull(a, "action");
            return this;
        }

        @Override
        public RouteMap.Connection methods(String... m) {
            this.methods = new LinkedHashSet<>(Arrays.asList(m));
            return this;
        }

        @Override
        public RouteMap.Connection requirement(String variable, String regex) {
            requirements.put(Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(regex, "regex"));
            return this;
        }

        @Override
        public RouteMap.Connection param(String n, String value) {
            params.put(Objects.requireNonNull(n, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }
    }
}
