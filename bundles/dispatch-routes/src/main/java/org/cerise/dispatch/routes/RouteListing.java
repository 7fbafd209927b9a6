package org.cerise.dispatch.routes;

import java.util.List;

/**
 * What the {@code routes} dispatcher's prepared router also is: a listing of the app's routes
 * for the runtime model (admin consoles, diagnostics). A {@link org.cerise.api.dispatch.Router}
 * obtained for an app that uses {@code request.dispatch = "routes"} can be asked with
 * {@code router instanceof RouteListing}.
 */
public interface RouteListing {

    /** @return the app's routes in the order they are tried, read-only */
    List<RouteInfo> routes();
}
