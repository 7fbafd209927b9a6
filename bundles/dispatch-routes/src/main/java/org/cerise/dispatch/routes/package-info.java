/**
 * How an app declares its routes for the {@code routes} dispatcher, CherryPy's
 * {@code RoutesDispatcher}: the app's root object implements {@link org.cerise.dispatch.routes.Routes}
 * and connects named URL templates to controller objects and their actions, as CherryPy's
 * {@code d.connect(name, route, controller, action=..., conditions=dict(method=[...]),
 * requirements=...)} does; its config selects the dispatcher with
 * {@code request.dispatch = "routes"}. The prepared router lists the routes it matches
 * ({@link org.cerise.dispatch.routes.RouteListing}).
 */
@Version("1.0.0")
@Export
package org.cerise.dispatch.routes;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
