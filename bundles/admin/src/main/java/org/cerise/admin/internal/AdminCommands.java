package org.cerise.admin.internal;

import java.util.List;

import org.cerise.api.runtime.AppInfo;
import org.cerise.api.runtime.DispatcherInfo;
import org.cerise.api.runtime.Explanation;
import org.cerise.api.runtime.RequestCounters;
import org.cerise.api.runtime.RuntimeModel;
import org.cerise.api.runtime.SessionInfo;
import org.cerise.api.runtime.ToolInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The runtime model as Gogo commands ({@code cerise:apps}, {@code cerise:explain /tut07/},
 * {@code cerise:store redis}, ...). They return the model's own records, which the shell prints,
 * so the shell and the JSON API show the same model. A shell is not part of the container: the
 * commands are registered whenever this bundle runs and work as soon as one is installed.
 */
@Component(service = AdminCommands.class, property = {"osgi.command.scope=cerise",
        "osgi.command.function=apps", "osgi.command.function=tools", "osgi.command.function=dispatchers",
        "osgi.command.function=sessions", "osgi.command.function=requests", "osgi.command.function=explain",
        "osgi.command.function=store"})
public final class AdminCommands {

    @Reference
    private RuntimeModel model;
    @Reference
    private Actions actions;

    /** @return every app with its state (cerise:apps) */
    public List<AppInfo> apps() {
        return model.apps();
    }

    /** @return every tool (cerise:tools) */
    public List<ToolInfo> tools() {
        return model.tools();
    }

    /** @return every dispatcher (cerise:dispatchers) */
    public List<DispatcherInfo> dispatchers() {
        return model.dispatchers();
    }

    /** @return the session backends (cerise:sessions) */
    public SessionInfo sessions() {
        return model.sessions();
    }

    /** @return the request counters (cerise:requests) */
    public RequestCounters requests() {
        return model.requests();
    }

    /**
     * @param path a request path
     * @return what would serve it (cerise:explain /tut07/)
     */
    public Explanation explain(String path) {
        return model.explain(path);
    }

    /**
     * Switches the container's session store, audited as the shell user {@code gogo}.
     *
     * @param name the store
     * @return what happened (cerise:store redis)
     */
    public String store(String name) {
        Actions.Result r = actions.switchStore("gogo", name);
        return r.status() < 300 ? r.message() : "refused: " + r.message();
    }
}
