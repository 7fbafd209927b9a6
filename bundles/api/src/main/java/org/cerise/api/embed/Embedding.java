package org.cerise.api.embed;

import java.nio.file.Path;
import java.util.Map;

/**
 * Runs Cerise in the caller's JVM: CherryPy's {@code cherrypy.config.update},
 * {@code cherrypy.tree.mount} and {@code cherrypy.engine.start/block/stop}. Implementations are
 * found with {@link java.util.ServiceLoader} ({@code META-INF/services/org.cerise.api.embed.Embedding})
 * and must be thread-safe; {@link org.cerise.api.Cerise} holds the one it finds for the life of
 * the JVM.
 *
 * <p>Config maps are CherryPy's config dicts: for {@link #mount(Object, String, Map)} a map of
 * sections ({@code "global"}, {@code "/"}, {@code "/path"}) to maps of keys, for
 * {@link #update(Map)} a map of global keys (or one with a single {@code "global"} section).
 * Values are Java values standing for Python ones: {@code String}, {@code Boolean},
 * {@code Integer}/{@code Long}, {@code Double}, {@code null} (None), {@code List} and
 * {@code Map}. Config files are CherryPy's config files.
 *
 * <p>Since 1.1 test kits can run one container after the other in a JVM ({@link #reset()}),
 * without an HTTP server ({@link #startWithoutServer()}) and send requests to it in-process
 * ({@link #localServer()}); the methods have defaults that throw
 * {@link UnsupportedOperationException}, so older implementations keep compiling.
 */
public interface Embedding {

    /**
     * The embedding that {@link org.cerise.api.Cerise}'s {@code quickstart}, {@code mount},
     * {@code config}, {@code start} and {@code stop} use: the first one
     * {@link java.util.ServiceLoader} finds through this API's class loader or the thread's
     * context class loader, looked up once for the life of the JVM.
     *
     * @return the embedding, or {@code null} if none is on the class path
     * @throws IllegalStateException if one is declared but cannot be loaded
     * @since 1.1
     */
    static Embedding current() {
        return EmbeddingLookup.INSTANCE;
    }

    /**
     * Updates the global config (CherryPy's {@code cherrypy.config.update(dict)}); before
     * {@link #start()} this also chooses the server's address and port
     * ({@code server.socket_host}, {@code server.socket_port}).
     *
     * @param global global keys and values
     * @throws IllegalArgumentException for a value that cannot be written as a Python literal
     */
    void update(Map<String, ?> global);

    /**
     * Updates the global config from the {@code [global]} section of a config file
     * (CherryPy's {@code cherrypy.config.update(filename)}).
     *
     * @param file the config file
     * @throws IllegalArgumentException if the file cannot be read
     */
    void update(Path file);

    /**
     * Mounts an app (CherryPy's {@code cherrypy.tree.mount(root, script_name, config)}); if the
     * container runs, the app is served when this returns, or the container logs why not.
     *
     * @param root       the app's root object
     * @param scriptName the mount point: {@code ""} or {@code "/"} for the site's root, or a
     *                   path such as {@code "/shop"}
     * @param config     the app's config sections, may be empty
     * @throws IllegalArgumentException for a config that is not a map of sections
     */
    void mount(Object root, String scriptName, Map<String, ?> config);

    /**
     * Mounts an app with a config file.
     *
     * @param root       the app's root object
     * @param scriptName the mount point
     * @param file       the app's config file
     * @throws IllegalArgumentException if the file cannot be read
     */
    void mount(Object root, String scriptName, Path file);

    /**
     * Starts the container and its HTTP server (CherryPy's {@code engine.start()}); returns
     * when it serves. Does nothing if it already runs.
     *
     * @throws IllegalStateException if it cannot start (e.g. the port is taken)
     */
    void start();

    /**
     * Starts the container if needed and waits until it stops (CherryPy's
     * {@code engine.block()}): on {@link #stop()}, SIGTERM or Ctrl-C.
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void block() throws InterruptedException;

    /** Stops the container (CherryPy's {@code engine.exit()}); apps can be mounted and started again. */
    void stop();

    /**
     * Forgets every app mounted so far and the global config, as CherryPy's test helper does
     * between test classes ({@code cherrypy.tree = Tree()}, {@code cherrypy.config.reset()}).
     *
     * @throws IllegalStateException while the container runs
     * @throws UnsupportedOperationException if the implementation cannot reset
     * @since 1.1
     */
    default void reset() {
        throw new UnsupportedOperationException(getClass().getName() + " cannot reset");
    }

    /**
     * Starts the container without its HTTP server (CherryPy's {@code engine.start()} after
     * {@code cherrypy.server.unsubscribe()}): apps are mounted and served, but only through
     * {@link #localServer()}; no port is opened. Does nothing if the container already runs.
     *
     * @throws IllegalStateException if it cannot start
     * @throws UnsupportedOperationException if the implementation cannot start without a server
     * @since 1.1
     */
    default void startWithoutServer() {
        throw new UnsupportedOperationException(getClass().getName() + " cannot start without a server");
    }

    /**
     * The container's in-process entry point: requests through the same front servlet,
     * pipeline, tools and dispatchers as the HTTP server's, without a socket.
     *
     * @return the entry point, or {@code null} if the container does not run
     * @throws UnsupportedOperationException if the implementation has none
     * @since 1.1
     */
    default LocalServer localServer() {
        throw new UnsupportedOperationException(getClass().getName() + " has no in-process entry point");
    }
}
