package org.cerise.dispatch.vhost.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cerise.api.ConfigException;
import org.cerise.api.dispatch.CeriseDispatcher;
import org.cerise.api.dispatch.DispatchContext;
import org.cerise.api.dispatch.Dispatcher;
import org.cerise.api.dispatch.Router;
import org.osgi.service.component.annotations.Component;

/**
 * CherryPy's {@code VirtualHost} dispatcher, named {@code vhost}: the request's {@code Host}
 * header (or {@code X-Forwarded-Host}, when {@code vhost.use_x_forwarded_host} is on, as by
 * default) is looked up in {@code vhost.domains}; a match's path prefix is joined before the
 * path, which the next dispatcher ({@code vhost.next}, {@code "tree"} by default) then routes.
 * The keys are read from the app's merged root config (global, root object, {@code [/]}).
 */
@Component(service = Dispatcher.class)
@CeriseDispatcher(name = "vhost")
public final class VhostDispatcher implements Dispatcher {

    @Override
    public Router prepare(DispatchContext app) throws ConfigException {
        Map<String, Object> args = new LinkedHashMap<>();
        app.rootTrail().config().forEach((key, value) -> {
            if (key.startsWith("vhost.")) {
                args.put(key.substring("vhost.".length()), value);
            }
        });
        VhostSettings settings = VhostSettings.of(args, (key, problem) -> new ConfigException("Config error in app '"
                + app.appName() + "', key 'vhost." + key + "': " + problem));
        Router next = app.prepare(settings.next);
        VhostRouter router = new VhostRouter(next, settings.useXForwardedHost, settings.domains);
        // Route each virtual root once now, so that the config scopes below the prefixes are
        // compiled (and their faults found) when the app mounts.
        for (String prefix : settings.domains.values()) {
            next.route(VhostRouter.join(prefix, ""), null);
            next.route(VhostRouter.join(prefix, "/"), null);
        }
        return router;
    }
}
