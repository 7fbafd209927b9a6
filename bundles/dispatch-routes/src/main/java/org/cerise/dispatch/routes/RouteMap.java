package org.cerise.dispatch.routes;

/**
 * The routes of one app, as CherryPy's {@code RoutesDispatcher.connect} builds them. As Python
 * Routes does, the routes with the longest literal prefix (the template's text before its first
 * variable, trailing {@code /} dropped) are tried first, and routes of equal prefix length in
 * the order they are connected; the first whose template, requirements and method condition
 * all match the request answers.
 */
public interface RouteMap {

    /**
     * Connects a route, as {@code d.connect(name, route, controller)}. The handler is the
     * controller's public method named by the {@linkplain Connection#action action}
     * ({@code "index"} unless set); it need not be {@code @Expose}d. The values of the
     * template's variables (and the route's {@linkplain Connection#param fixed params}) are
     * added to the request's params, so they reach the handler's arguments of the same names.
     *
     * <p>Template syntax, as in Python Routes: literal text, {@code {name}} (one path segment:
     * anything but {@code /}), {@code {name:regex}} (the regex decides), {@code :name} (as
     * {@code {name}}) and {@code *name} (the rest, {@code /} included). The whole path must
     * match: {@code /a/{x}} does not match {@code /a/1/}.
     *
     * @param name       the route's name, for listings and logs
     * @param template   the URL template below the mount point, e.g. {@code /{year}/{month}}
     * @param controller the object whose method answers
     * @return the route, to refine with its action, methods, requirements and params
     */
    Connection connect(String name, String template, Object controller);

    /** One connected route, refined before {@link Routes#connect} returns. */
    interface Connection {

        /**
         * @param action the controller's method that answers (CherryPy's {@code action=});
         *               {@code "index"} unless set
         * @return this
         */
        Connection action(String action);

        /**
         * Restricts the route to some request methods, as
         * {@code conditions=dict(method=[...])}: for other methods the route does not match
         * (a later route may; if none does, 404). Not calling it means any method.
         *
         * @param methods e.g. {@code "GET", "HEAD"} (exact, upper case)
         * @return this
         */
        Connection methods(String... methods);

        /**
         * The regex a variable's value must match in full, as {@code requirements=dict(...)};
         * replaces the default (one path segment) and a {@code {name:regex}} of the template.
         *
         * @param variable a variable of the template
         * @param regex    a {@link java.util.regex.Pattern} regex
         * @return this
         */
        Connection requirement(String variable, String regex);

        /**
         * A param the route adds to every request it matches, as extra keyword arguments of
         * {@code connect} do (e.g. {@code page='1'}); for a template variable it is the value
         * used when the variable matched empty text.
         *
         * @param name  the param's name
         * @param value its value
         * @return this
         */
        Connection param(String name, String value);
    }
}
