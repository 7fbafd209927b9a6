package org.cerise.core.internal.mount;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Function;

import org.cerise.api.ConfigException;
import org.cerise.api.Handler;
import org.cerise.api.NotFound;
import org.cerise.api.dispatch.ConfigTrail;
import org.cerise.api.dispatch.DispatchContext;
import org.cerise.api.dispatch.Router;
import org.cerise.core.internal.binding.MethodBinder;
import org.cerise.core.internal.config.TrailSpace;

/** The app being mounted, as dispatchers see it while they prepare. */
final class CoreDispatchContext implements DispatchContext {

    /** CherryPy's {@code cherrypy.NotFound()} as a handler. */
    static final Handler NOT_FOUND = (request, response) -> {
        throw new NotFound();
    };

    private final Object root;
    private final String mountPath;
    private final String appName;
    private final Map<String, Map<String, Object>> sections;
    private final TrailSpace space;
    /** Prepares (or finds already prepared) the app's router of a named dispatcher. */
    private Preparer preparer = name -> {
        throw new ConfigException("no dispatcher can be prepared here");
    };

    /** How {@link #prepare(String)} reaches the {@link AppCompiler}'s routers. */
    @FunctionalInterface
    interface Preparer {
        Router prepare(String dispatcher) throws ConfigException;
    }

    CoreDispatchContext(Object root, String mountPath, String appName, Map<String, Map<String, Object>> sections,
            TrailSpace space) {
        this.root = root;
        this.mountPath = mountPath;
        this.appName = appName;
        this.sections = sections;
        this.space = space;
    }

    @Override
    public Object root() {
        return root;
    }

    @Override
    public String mountPath() {
        return mountPath;
    }

    @Override
    public String appName() {
        return appName;
    }

    @Override
    public Map<String, Map<String, Object>> sections() {
        return sections;
    }

    @Override
    public ConfigTrail rootTrail() {
        return space.root();
    }

    @Override
    public Handler bind(Object target, Method method) throws ConfigException {
        return MethodBinder.bind(target, method);
    }

    @Override
    public Function<Object, Handler> bindLate(Method method) throws ConfigException {
        return MethodBinder.bindLate(method);
    }

    @Override
    public Handler notFound() {
        return NOT_FOUND;
    }

    @Override
    public Router prepare(String dispatcherName) throws ConfigException {
        return preparer.prepare(dispatcherName);
    }

    void preparer(Preparer p) {
        this.preparer = p;
    }
}
