package org.cerise.api.serving;

import org.cerise.api.Request;

/**
 * Holds the request that the current thread is serving. The core binds a request before the
 * pipeline runs and clears it when the request ends (also after an internal redirect, which
 * binds the new request); nothing else should call {@link #bind} or {@link #clear}.
 */
public final class Serving {

    private static final ThreadLocal<Request> CURRENT = new ThreadLocal<>();
    private static volatile String serverBase = "http://127.0.0.1:8080";

    private Serving() {
    }

    /**
     * @return the request bound to this thread, or {@code null} outside a request
     */
    public static Request current() {
        return CURRENT.get();
    }

    /**
     * Binds a request to this thread.
     *
     * @param request the request
     */
    public static void bind(Request request) {
        CURRENT.set(request);
    }

    /** Clears this thread's request. */
    public static void clear() {
        // set(null), not remove(): remove() reorganizes the thread's map on every request, and a
        // null entry keeps nothing alive
        CURRENT.set(null);
    }

    /**
     * The base URL of the server ({@code http://host:port}), used to build URLs outside a
     * request, like CherryPy's {@code server.base()}.
     *
     * @return the base URL
     */
    public static String serverBase() {
        return serverBase;
    }

    /**
     * Sets the server's base URL; the core does this when it learns the listening address.
     *
     * @param base the base URL without a trailing slash
     */
    public static void setServerBase(String base) {
        serverBase = base;
    }
}
