package org.cerise.api.dispatch;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Function;

import org.cerise.api.ConfigException;
import org.cerise.api.Handler;

/**
 * The app being mounted, as the core hands it to {@link Dispatcher#prepare}.
 */
public interface DispatchContext {

    /** @return the app's root object (the registered service) */
    Object root();

    /** @return the mount point, {@code ""} for the site root */
    String mountPath();

    /** @return the app's name */
    String appName();

    /** @return the app's config sections by path ({@code "/"}, {@code "/static"}, ...), read-only */
    Map<String, Map<String, Object>> sections();

    /** @return the trail at the app's root: global config, root node's, section {@code [/]} */
    ConfigTrail rootTrail();

    /**
     * Binds a method as a handler, computing now how its parameters take the request's
     * leftover path segments (positionally), its parameters (by name, with {@code @Param}
     * renames and defaults, converted to the parameter types) and the injected
     * {@code Request}, {@code Response} and {@code Session}. The returned handler applies
     * CherryPy's rules on mismatch: a missing argument, surplus path segment or surplus query
     * parameter answers 404, a surplus body parameter 400.
     *
     * @param target the object to call the method on
     * @param method the method, which need not be public
     * @return the bound handler
     * @throws ConfigException if a parameter has a type that cannot be bound or a default
     *                         that does not convert; the message names method and parameter
     */
    Handler bind(Object target, Method method) throws ConfigException;

    /**
     * Binds a method as {@link #bind} does, for objects known only per request (those a
     * {@link org.cerise.api.CpDispatch} hook returns): the binding plan is computed now, and
     * the returned function makes the handler for one object cheaply, without reflection.
     *
     * @param method the method, which need not be public
     * @return makes the handler for an object of the method's class (an object of another
     *         class is an {@code IllegalArgumentException})
     * @throws ConfigException as {@link #bind}
     * @since 1.1
     */
    Function<Object, Handler> bindLate(Method method) throws ConfigException;

    /** @return the handler that answers CherryPy's 404 {@code The path '...' was not found.} */
    Handler notFound();

    /**
     * Prepares another dispatcher's router for this app, for dispatchers that hand the
     * request on to a next one, as CherryPy's {@code VirtualHost(next_dispatcher=...)} does:
     * the caller rewrites the path and calls the returned router. The router is the one the
     * app gets anyway when its config names that dispatcher ({@code request.dispatch}), and is
     * prepared with this same context, so its config trails and handlers are the app's.
     *
     * <p>A dispatcher that is not registered makes the app wait for it, exactly as a missing
     * {@code request.dispatch} does (the exception thrown says so to the core; let it
     * propagate out of {@link Dispatcher#prepare}); the app is prepared again whenever a
     * dispatcher comes or goes.
     *
     * @param dispatcherName the dispatcher's {@code cerise.dispatcher.name}, e.g. {@code "tree"}
     * @return the app's router for that dispatcher
     * @throws ConfigException if the dispatcher is missing (the app waits), if it fails to
     *                         prepare the app, or if it would prepare itself (a cycle)
     * @since 1.1
     */
    default Router prepare(String dispatcherName) throws ConfigException {
        throw new ConfigException("this dispatch context cannot prepare the dispatcher '" + dispatcherName + "'");
    }
}
