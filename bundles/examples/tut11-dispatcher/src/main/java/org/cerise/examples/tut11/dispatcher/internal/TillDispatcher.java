package org.cerise.examples.tut11.dispatcher.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cerise.api.ConfigException;
import org.cerise.api.dispatch.CeriseDispatcher;
import org.cerise.api.dispatch.DispatchContext;
import org.cerise.api.dispatch.Dispatcher;
import org.cerise.api.dispatch.Route;
import org.cerise.api.dispatch.Router;
import org.osgi.service.component.annotations.Component;

/**
 * Tutorial 11's dispatcher, named {@code till}: it decides which till a customer queues at.
 * A request below the queue ({@code till.queue}, {@code /checkout} by default) is led to one
 * of the app's three tills, the objects {@code express}, {@code card} and {@code regular} below
 * the queue: a basket of fewer than {@code till.express_limit} items goes to the express till,
 * a customer with a store card (the cookie {@code till.card_cookie}) to the card till, anyone
 * else to the regular one. The path is rewritten ({@code /checkout/} becomes
 * {@code /checkout/express/}) and the object-tree dispatcher, found through the registry like
 * any dispatcher, walks it; every other path is walked as it is.
 *
 * <p>The basket is what the query string says: {@code ?apples=3&bread=2} holds five items. It is
 * read here, before Cerise parses the parameters, as a dispatcher runs before that (as in
 * CherryPy).
 */
@Component(service = Dispatcher.class)
@CeriseDispatcher(name = "till")
public final class TillDispatcher implements Dispatcher {

    /** The tills, as the app's objects below the queue are named. */
    static final String[] TILLS = {"express", "card", "regular"};

    @Override
    public Router prepare(DispatchContext app) throws ConfigException {
        Map<String, Object> args = new LinkedHashMap<>();
        app.rootTrail().config().forEach((key, value) -> {
            if (key.startsWith("till.")) {
                args.put(key.substring("till.".length()), value);
            }
        });
        TillSettings settings = TillSettings.of(args, (key, problem) -> new ConfigException("Config error in app '"
                + app.appName() + "', key 'till." + key + "': " + problem));
        Router tree = app.prepare("tree");
        // Every till must be open: a store that would lead customers to a till it does not have
        // is refused when it mounts, rather than answering 404 to the unlucky ones.
        for (String till : TILLS) {
            String path = settings.queue + "/" + till + "/";
            Route found = tree.route(path, null);
            if (found.index() == null) {
                throw new ConfigException("App '" + app.appName() + "' uses request.dispatch = \"till\", which leads "
                        + "customers to " + path + ", but nothing of the app answers there: give the object at "
                        + settings.queue + " a public field '" + till + "' with an exposed index()");
            }
        }
        return new TillRouter(tree, settings);
    }
}
