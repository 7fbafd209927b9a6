package org.cerise.api.engine;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The container's engine bus, CherryPy's {@code cherrypy.engine}, as a service.
 */
@ProviderType
public interface Engine {

    /** CherryPy's bus states. */
    enum State {
        /** Not serving. */
        STOPPED,
        /** Publishing {@code start}. */
        STARTING,
        /** Serving. */
        STARTED,
        /** Publishing {@code stop}. */
        STOPPING,
        /** Publishing {@code exit}; the process ends. */
        EXITING
    }

    /** A callback subscribed to a channel. */
    @FunctionalInterface
    interface Listener {
        /**
         * @param args what the publisher passed
         * @return a result for the publisher, usually {@code null}
         * @throws Exception a failure, logged and collected with the channel's others
         */
        Object call(Object... args) throws Exception;
    }

    /** @return the current state */
    State state();

    /**
     * CherryPy's {@code engine.subscribe(channel, callback, priority)}.
     *
     * @param channel  the channel
     * @param listener the callback
     * @param priority lower runs first; CherryPy's default is 50
     * @return closes the subscription ({@code engine.unsubscribe})
     */
    AutoCloseable subscribe(String channel, Listener listener, int priority);

    /**
     * Calls every listener of a channel in priority order, CherryPy's {@code engine.publish}.
     *
     * @param channel the channel
     * @param args    passed to each listener
     * @return the listeners' results, in order
     * @throws ChannelFailures if any listener failed (after all ran); the failures are logged
     */
    List<Object> publish(String channel, Object... args) throws ChannelFailures;

    /**
     * CherryPy's {@code Monitor} plugin: runs a callback every {@code frequency} on a
     * background thread while the engine is started (from its start, or at once if it runs), as
     * the session clean-up does.
     *
     * @param name      the thread's name in logs, e.g. {@code "Session cleanup"}
     * @param callback  the periodic work; a failure is logged and the next run goes on
     * @param frequency the time between two runs
     * @return closes the monitor
     */
    AutoCloseable monitor(String name, Runnable callback, java.time.Duration frequency);

    /** A graceful restart: publishes {@code graceful} (CherryPy's {@code engine.graceful()}). */
    void graceful();

    /** Stops the engine and ends the container (CherryPy's {@code engine.exit()}). */
    void exit();
}
