package org.cerise.dispatch.routes.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import org.cerise.api.Handler;
import org.cerise.api.Request;
import org.cerise.api.dispatch.ConfigTrail;
import org.cerise.api.dispatch.Route;
import org.cerise.api.dispatch.Router;
import org.cerise.dispatch.routes.RouteInfo;
import org.cerise.dispatch.routes.RouteListing;

/**
 * CherryPy's {@code RoutesDispatcher.find_handler} over prepared routes. The first route whose
 * regex matches the whole path and whose method condition admits the request answers; its
 * variables (and fixed params) go into the request's params, so that the handler gets them as
 * arguments. The config is merged in CherryPy's order: global, the root's, {@code [/]}, the
 * sections of the path's atoms but the last, the controller class's, the action method's, then
 * the section of the full path (so that it overrides the controller's). No route: CherryPy's
 * 404 with the config of the path's sections.
 */
final class RoutesRouter implements Router, RouteListing {

    private final CompiledRoute[] routes;
    private final List<RouteInfo> listing;
    private final ConfigTrail root;
    private final Handler notFound;
    /** Whether the app has sections below {@code [/]}; if not, the prepared trails serve. */
    private final boolean walk;

    RoutesRouter(List<CompiledRoute> routes, ConfigTrail root, Handler notFound, boolean walk) {
        this.routes = routes.toArray(new CompiledRoute[0]);
        this.listing = routes.stream().map(r -> r.info).toList();
        this.root = root;
        this.notFound = notFound;
        this.walk = walk;
    }

    @Override
    public List<RouteInfo> routes() {
        return listing;
    }

    @Override
    public Route route(String pathInfo, Request request) {
        String method = request == null ? null : request.method();
        for (CompiledRoute r : routes) {
            if (r.methods != null && method != null && !r.methods.contains(method)) {
                continue;
            }
            Matcher m = r.template.pattern.matcher(pathInfo);
            if (!m.matches()) {
                continue;
            }
            if (request != null) {
                Map<String, List<String>> params = request.params();
                for (int g = 0; g < r.variables.length; g++) {
                    String value = m.group(g + 1);
                    String fixed = r.params.get(r.variables[g]);
                    put(params, r.variables[g], value.isEmpty() && fixed != null && !fixed.isEmpty() ? fixed : value);
                }
                for (Map.Entry<String, String> p : r.params.entrySet()) {
                    if (!r.template.variables.containsKey(p.getKey())) {
                        put(params, p.getKey(), p.getValue());
                    }
                }
            }
            ConfigTrail trail = walk ? trail(pathInfo, r) : r.trail;
            return r.handler == null ? new Route(trail, notFound, List.of(), null)
                    : new Route(trail, r.handler, List.of(), null);
        }
        return new Route(walk ? trail(pathInfo, null) : root, notFound, List.of(), null);
    }

    private static void put(Map<String, List<String>> params, String name, String value) {
        // Mutable: a body parameter of the same name is added to it, as CherryPy makes a list.
        List<String> values = new ArrayList<>(1);
        values.add(value);
        params.put(name, values);
    }

    /** CherryPy's merge order for a path and the route found ({@code null}: none). */
    private ConfigTrail trail(String pathInfo, CompiledRoute found) {
        ConfigTrail t = root;
        int n = pathInfo.length();
        int start = 0;
        String pending = null; // the atom seen last, merged once we know it is not the last
        while (start < n) {
            int end = pathInfo.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            if (end > start) {
                if (pending != null) {
                    t = t.step(pending, null);
                }
                pending = pathInfo.substring(start, end);
            }
            start = end + 1;
        }
        if (found != null) {
            t = t.member(found.controllerClass);
            if (found.method != null) {
                t = t.member(found.method);
            }
        }
        return pending == null ? t : t.step(pending, null);
    }
}
