package org.cerise.dispatch.method.internal;

import java.util.List;
import java.util.Locale;

import org.cerise.api.Handler;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.dispatch.ConfigTrail;
import org.cerise.api.dispatch.Route;
import org.cerise.api.dispatch.Router;
import org.cerise.dispatch.tree.Found;
import org.cerise.dispatch.tree.ObjectTree;
import org.cerise.dispatch.tree.Verb;

/**
 * {@code MethodDispatcher.__call__}: find the resource, set {@code Allow} to its verbs, and
 * hand the request to the verb's method ({@code HEAD} falls back to {@code GET}), with that
 * method's own {@code @Config} merged last. A verb the resource lacks is answered by a handler
 * that raises 405: like CherryPy's {@code request.handler = HTTPError(405)}, it runs where the
 * handler runs, after the body is read, so a body-less {@code PATCH} still gets its 411 first.
 */
final class MethodRouter implements Router {

    /** CherryPy's {@code cherrypy.HTTPError(405)} as a handler. */
    static final Handler METHOD_NOT_ALLOWED = (request, response) -> {
        throw new HttpError(405);
    };

    private final ObjectTree tree;
    private final Handler notFound;

    MethodRouter(ObjectTree tree, Handler notFound) {
        this.tree = tree;
        this.notFound = notFound;
    }

    @Override
    public Route route(String pathInfo, Request request) {
        Found found = tree.find(pathInfo, request, ObjectTree.Answer.RESOURCES);
        if (!found.found()) {
            return new Route(found.trail(), notFound, List.of(), null);
        }
        if (request == null) {
            return routeAhead(found);
        }
        request.response().setHeader("Allow", found.allow());
        String method = request.method().toUpperCase(Locale.ROOT);
        Verb verb = found.verb(method);
        if (verb == null && method.equals("HEAD")) {
            verb = found.verb("GET");
        }
        if (verb == null) {
            return new Route(found.trail(), METHOD_NOT_ALLOWED, found.vpath(), found.isIndex());
        }
        return new Route(found.trail().member(verb.method()), verb.handler(), found.vpath(), found.isIndex());
    }

    /** At mount time: compile the config of every verb of the resource, so that errors show then. */
    private Route routeAhead(Found found) {
        Route route = null;
        for (String method : found.allow().split(", ")) {
            Verb verb = found.verb(method);
            if (verb != null) {
                ConfigTrail trail = found.trail().member(verb.method());
                route = route != null ? route : new Route(trail, verb.handler(), found.vpath(), found.isIndex());
            }
        }
        return route != null ? route : new Route(found.trail(), METHOD_NOT_ALLOWED, found.vpath(), found.isIndex());
    }
}
