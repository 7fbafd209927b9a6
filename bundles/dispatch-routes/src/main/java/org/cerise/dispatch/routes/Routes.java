package org.cerise.dispatch.routes;

import org.cerise.api.ConfigException;

/**
 * Implemented by the root object of an app that uses the {@code routes} dispatcher
 * ({@code request.dispatch = "routes"} in its config): it connects its routes (see
 * {@link RouteMap} for the order they are tried in), as a CherryPy app calls
 * {@code d.connect(...)} on its {@code RoutesDispatcher}.
 *
 * <pre>
 * &#64;Component(service = Blog.class)
 * &#64;CeriseApp(mount = "/blog", config = "/blog.conf")   // [/] request.dispatch = "routes"
 * public class Blog implements Routes {
 *     private final Posts posts = new Posts();
 *
 *     &#64;Override
 *     public void connect(RouteMap map) {
 *         map.connect("index", "/", posts);                                  // action "index"
 *         map.connect("month", "/{year}/{month}", posts).action("month")
 *                 .requirement("year", "\\d{4}").requirement("month", "\\d{2}");
 *         map.connect("comment", "/{year}/{month}/{slug}", posts).action("comment").methods("POST");
 *         map.connect("post", "/{year}/{month}/{slug}", posts).action("show");
 *     }
 * }
 * </pre>
 *
 * <p>Called when the app mounts (again after every config change), never per request.
 */
@FunctionalInterface
public interface Routes {

    /**
     * Declares the app's routes.
     *
     * @param map where to connect them; valid during this call only
     * @throws ConfigException if the app cannot declare its routes (the app does not mount)
     */
    void connect(RouteMap map) throws ConfigException;
}
