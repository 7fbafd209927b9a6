package org.cerise.core.internal.mount;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cerise.api.ConfigException;
import org.cerise.api.Expose;
import org.cerise.api.Handler;
import org.cerise.api.dispatch.ConfigTrail;
import org.cerise.api.dispatch.DispatchContext;
import org.cerise.api.dispatch.Dispatcher;
import org.cerise.api.dispatch.Route;
import org.cerise.api.dispatch.Router;

/**
 * A minimal dispatcher for the core's own tests: {@code /name} reaches the root's exposed
 * method {@code name}, with the trail root → method as the tree dispatcher would build it.
 * (The core cannot use the real tree dispatcher in its tests: that bundle depends on the core.)
 */
final class ByNameDispatcher implements Dispatcher {

    @Override
    public Router prepare(DispatchContext app) throws ConfigException {
        Map<String, Handler> handlers = new HashMap<>();
        Map<String, ConfigTrail> trails = new HashMap<>();
        ConfigTrail root = app.rootTrail();
        for (Method m : app.root().getClass().getMethods()) {
            if (m.isAnnotationPresent(Expose.class)) {
                handlers.put(m.getName(), app.bind(app.root(), m));
                trails.put(m.getName(), app.rootTrail().step(m.getName(), m));
            }
        }
        return (pathInfo, request) -> {
            String name = pathInfo.startsWith("/") ? pathInfo.substring(1) : pathInfo;
            Handler h = handlers.get(name);
            return h == null ? new Route(root, app.notFound(), List.of(), null)
                    : new Route(trails.get(name), h, List.of(), Boolean.FALSE);
        };
    }
}
