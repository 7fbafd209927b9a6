package org.cerise.dispatch.tree.internal;

import java.util.List;

import org.cerise.api.Handler;
import org.cerise.api.Request;
import org.cerise.api.dispatch.Route;
import org.cerise.api.dispatch.Router;
import org.cerise.dispatch.tree.Found;
import org.cerise.dispatch.tree.ObjectTree;

/**
 * The object-tree dispatcher's router: what {@link ObjectTree#find} finds in
 * {@link ObjectTree.Answer#HANDLERS handler} mode; nothing found answers CherryPy's 404 with the
 * walked trail's config, so tools configured there (static files) still run.
 */
final class TreeRouter implements Router {

    private final ObjectTree tree;
    private final Handler notFound;

    TreeRouter(ObjectTree tree, Handler notFound) {
        this.tree = tree;
        this.notFound = notFound;
    }

    @Override
    public Route route(String pathInfo, Request request) {
        Found found = tree.find(pathInfo, request, ObjectTree.Answer.HANDLERS);
        return found.found() ? new Route(found.trail(), found.handler(), found.vpath(), found.isIndex())
                : new Route(found.trail(), notFound, List.of(), null);
    }
}
