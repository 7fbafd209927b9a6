package org.cerise.dispatch.method.internal;

import org.cerise.api.ConfigException;
import org.cerise.api.dispatch.CeriseDispatcher;
import org.cerise.api.dispatch.DispatchContext;
import org.cerise.api.dispatch.Dispatcher;
import org.cerise.api.dispatch.Router;
import org.cerise.dispatch.tree.ObjectTree;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy's {@code cherrypy.dispatch.MethodDispatcher}, named {@code method}: the object tree
 * is walked as the default dispatcher walks it, but what it finds is a <em>resource</em> (an
 * object whose class carries {@code @Expose}), and the resource's method named after the
 * request's HTTP verb handles the request.
 */
@Component(service = Dispatcher.class)
@CeriseDispatcher(name = "method")
public final class MethodDispatcher implements Dispatcher {

    @Override
    public Router prepare(DispatchContext app) throws ConfigException {
        ObjectTree tree = ObjectTree.of(app);
        MethodRouter router = new MethodRouter(tree, app.notFound());
        tree.routeAhead(router, app);
        return router;
    }
}
