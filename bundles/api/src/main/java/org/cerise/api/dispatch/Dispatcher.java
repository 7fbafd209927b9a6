package org.cerise.api.dispatch;

import org.cerise.api.ConfigException;

/**
 * A CherryPy dispatcher as an OSGi service, registered with a {@code cerise.dispatcher.name}
 * property (see {@link CeriseDispatcher}).
 *
 * <p>An app whose config names a dispatcher that is not registered waits, logged at WARN,
 * until it is; when the dispatcher's service goes away, its apps go out of service until it
 * returns.
 */
public interface Dispatcher {

    /** Service property naming the dispatcher, as in {@code request.dispatch = "NAME"}. */
    String NAME = "cerise.dispatcher.name";

    /**
     * Prepares routing for one app when it mounts (again after every config change). Do the
     * expensive work here: reflect on the app's objects, bind handlers with
     * {@link DispatchContext#bind}, build {@link ConfigTrail}s.
     *
     * @param app the app being mounted
     * @return the app's router, immutable and safe for concurrent use
     * @throws ConfigException if the app cannot be dispatched (e.g. two exposed methods answer
     *                         the same name); the message names the class and member
     */
    Router prepare(DispatchContext app) throws ConfigException;
}
