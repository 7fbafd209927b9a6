package org.cerise.dispatch.tree.internal;

import org.cerise.api.ConfigException;
import org.cerise.api.dispatch.CeriseDispatcher;
import org.cerise.api.dispatch.DispatchContext;
import org.cerise.api.dispatch.Dispatcher;
import org.cerise.api.dispatch.Router;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy's default dispatcher ({@code cherrypy.dispatch.Dispatcher}), named {@code tree}: the
 * one an app gets unless its config says {@code request.dispatch = "..."}.
 */
@Component(service = Dispatcher.class)
@CeriseDispatcher(name = "tree")
public final class TreeDispatcher implements Dispatcher {

    @Override
    public Router prepare(DispatchContext app) throws ConfigException {
        Node root = new TreeBuilder(app).build();
        TreeRouter router = new TreeRouter(root, app.rootTrail(), app.notFound());
        // Route every object, every handler name and every config section once now: the core
        // compiles the config scopes (annotations, sections, the tools they turn on) as the
        // trails are walked, so a wrong value or a missing tool shows when the app mounts,
        // not at its first request.
        prewalk(router, root, "");
        for (String section : app.sections().keySet()) {
            router.route(section, null);
            router.route(section.endsWith("/") ? section : section + "/", null);
        }
        return router;
    }

    private static void prewalk(TreeRouter router, Node node, String path) {
        router.route(path + "/", null);
        for (String member : node.members.keySet()) {
            router.route(path + "/" + member, null);
        }
        node.children.forEach((name, child) -> prewalk(router, child, path + "/" + name));
    }
}
