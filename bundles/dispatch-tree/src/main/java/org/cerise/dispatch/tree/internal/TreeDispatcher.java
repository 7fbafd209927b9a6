package org.cerise.dispatch.tree.internal;

import org.cerise.api.ConfigException;
import org.cerise.api.dispatch.CeriseDispatcher;
import org.cerise.api.dispatch.DispatchContext;
import org.cerise.api.dispatch.Dispatcher;
import org.cerise.api.dispatch.Router;
import org.cerise.dispatch.tree.ObjectTree;
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
        ObjectTree tree = ObjectTree.of(app);
        TreeRouter router = new TreeRouter(tree, app.notFound());
        tree.routeAhead(router, app);
        return router;
    }
}
