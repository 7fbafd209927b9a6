package org.cerise.api.dispatch;

import org.cerise.api.Request;

/**
 * One app's routing, prepared by a {@link Dispatcher}. Called for every request: it must not
 * reflect, lock or allocate more than the route it returns.
 */
@FunctionalInterface
public interface Router {

    /**
     * Finds the handler and config for a path.
     *
     * @param pathInfo the path below the mount point as in {@link Request#pathInfo()}
     *                 (an internal redirect passes its new path)
     * @param request  the request, for dispatchers that look at the method or headers; a
     *                 dispatcher may add to its {@link Request#params() params} (routes,
     *                 {@code popargs})
     * @return the route; never {@code null}: a path that nothing answers gets the
     *         {@link DispatchContext#notFound() not-found handler} with the config of the
     *         trail walked so far, so that tools configured there (static files) still run
     */
    Route route(String pathInfo, Request request);
}
