package org.cerise.dispatch.routes;

import java.util.List;
import java.util.Map;

/**
 * One route of an app, as {@link RouteListing} lists it.
 *
 * @param name         the route's name
 * @param template     its URL template, as connected
 * @param methods      the request methods it matches; empty for any
 * @param controller   the controller's class
 * @param action       the name of the controller's method that answers
 * @param requirements each variable's regex (the default {@code [^/]+?} for a variable without
 *                     one, {@code .+?} for a {@code *name} variable)
 * @param params       the fixed params the route adds
 * @param bound        {@code false} if the controller has no such method (the route answers 404,
 *                     as in CherryPy)
 */
public record RouteInfo(String name, String template, List<String> methods, Class<?> controller, String action,
        Map<String, String> requirements, Map<String, String> params, boolean bound) {
}
