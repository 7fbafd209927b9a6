package org.cerise.api.engine;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A subscriber to the engine's channels, like CherryPy's {@code SimplePlugin}: register it as
 * a service with the {@value #CHANNELS} property listing the channels it listens to (most
 * simply with {@link CeriseEnginePlugin}), and override the methods named after them.
 *
 * <pre>
 * &#64;Component(service = EnginePlugin.class)
 * &#64;CeriseEnginePlugin(channels = {"start", "stop"})
 * public class Schema implements EnginePlugin {
 *     &#64;Override public void start() { ... CREATE TABLE ... }
 *     &#64;Override public void stop()  { ... DROP TABLE ... }
 * }
 * </pre>
 *
 * <p>OSGi services come and go while the container runs, so a plugin that arrives while the
 * engine is started gets {@code start} at once, and one that leaves while it is started gets
 * {@code stop} (if it listens to those channels): an app bundle's plugin sets its app up and
 * tears it down with the bundle, as it would with the engine.
 *
 * <p>As in CherryPy, subscribers of a channel run in priority order (lower first, default
 * 50); one failing does not stop the others: the failures are logged and collected.
 */
@ConsumerType
public interface EnginePlugin {

    /** Service property: the channels the plugin listens to. */
    String CHANNELS = "cerise.engine.channels";
    /** Service property: the priority of its listeners (lower runs first; default 50). */
    String PRIORITY = "cerise.engine.priority";

    /**
     * The engine is starting (CherryPy's {@code start}).
     *
     * @throws Exception a failure, logged and collected with the channel's others
     */
    default void start() throws Exception {
    }

    /**
     * The engine is stopping (CherryPy's {@code stop}).
     *
     * @throws Exception a failure, logged and collected with the channel's others
     */
    default void stop() throws Exception {
    }

    /**
     * A graceful restart was asked for (SIGHUP, SIGUSR1): reopen files, reload settings.
     *
     * @throws Exception a failure, logged and collected with the channel's others
     */
    default void graceful() throws Exception {
    }

    /**
     * The engine is exiting, after {@code stop}.
     *
     * @throws Exception a failure, logged and collected with the channel's others
     */
    default void exit() throws Exception {
    }

    /**
     * Any channel, including those without a method of their own ({@code main}, {@code log},
     * {@code before_request}, {@code after_request}, and channels other bundles publish). The
     * default calls the method named after the channel, if there is one.
     *
     * @param channel the channel
     * @param args    what the publisher passed (for {@code log}: the message and the level)
     * @return a result for the publisher, usually {@code null}
     * @throws Exception a failure, logged and collected with the channel's others
     */
    default Object publish(String channel, Object... args) throws Exception {
        switch (channel) {
            case "start":
                start();
                break;
            case "stop":
                stop();
                break;
            case "graceful":
                graceful();
                break;
            case "exit":
                exit();
                break;
            default:
                break;
        }
        return null;
    }
}
