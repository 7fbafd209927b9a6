package org.cerise.admin.internal;

import java.util.List;

import org.cerise.api.runtime.AppInfo;
import org.cerise.api.runtime.DispatcherInfo;
import org.cerise.api.runtime.Explanation;
import org.cerise.api.runtime.RecentRequest;
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
        "osgi.command.function=sessions", "osgi.command.function=requests", "osgi.command.function=recent",
        "osgi.command.function=explain",
        "osgi.command.function=store", "osgi.command.function=mount", "osgi.command.function=unmount",
        "osgi.command.function=restart", "osgi.command.function=deploy", "osgi.command.function=config",
        "osgi.command.function=unset"})
public final class AdminCommands {

    /** Whom the audit log names for a shell command: a local shell is already trusted. */
    static final String USER = "gogo";

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

    /** @return the last requests served, newest first (cerise:recent) */
    public List<RecentRequest> recent() {
        return model.recent();
    }

    /**
     * @param count how many to show
     * @return the last {@code count} requests served, newest first (cerise:recent 10)
     */
    public List<RecentRequest> recent(int count) {
        List<RecentRequest> all = model.recent();
        return all.subList(0, Math.max(0, Math.min(count, all.size())));
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
        return say(actions.switchStore(USER, name));
    }

    /**
     * @param app an app's name
     * @return what happened (cerise:unmount tut01): the app answers 404, its bundle keeps running
     */
    public String unmount(String app) {
        return say(actions.unmount(USER, app));
    }

    /**
     * @param app an app's name
     * @return what happened (cerise:mount tut01)
     */
    public String mount(String app) {
        return say(actions.mount(USER, app));
    }

    /**
     * @param app an app's name
     * @return what happened (cerise:restart tut01): mounted afresh from its service and config
     */
    public String restart(String app) {
        return say(actions.restart(USER, app));
    }

    /**
     * Hot-deploys a bundle from a file or URL (cerise:deploy /tmp/hello.jar).
     *
     * @param location a file path or URL
     * @return what happened
     */
    public String deploy(String location) {
        byte[] jar;
        try {
            java.net.URI uri = location.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*")
                    ? java.net.URI.create(location) : java.nio.file.Path.of(location).toAbsolutePath().toUri();
            try (java.io.InputStream in = uri.toURL().openStream()) {
                jar = in.readNBytes(AdminApiServlet.MAX_UPLOAD + 1);
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            Actions.Result r = new Actions.Result(400, "cannot read " + location + ": " + e);
            Actions.audit(USER, "deploy " + location, r);
            return say(r);
        }
        String name = location.substring(location.lastIndexOf('/') + 1);
        return say(actions.deploy(USER, name, jar));
    }

    /**
     * @param app an app's name
     * @return its run-time config overrides (cerise:config tut01)
     */
    public java.util.Map<String, String> config(String app) throws java.io.IOException {
        return actions.overrides(app);
    }

    /**
     * Sets one run-time config key of an app (cerise:config tut01 tools.gzip.on True); the value
     * is a Python literal: quote text twice in the shell, {@code "'utf-8'"}.
     *
     * @param app   an app's name
     * @param key   the key, {@code [/path]key} for a section other than {@code [/]}
     * @param value the value
     * @return what happened
     */
    public String config(String app, String key, String value) {
        return say(actions.setConfig(USER, app, key, value));
    }

    /**
     * Removes one run-time config key of an app (cerise:unset tut01 tools.gzip.on).
     *
     * @param app an app's name
     * @param key the key
     * @return what happened
     */
    public String unset(String app, String key) {
        return say(actions.setConfig(USER, app, key, null));
    }

    /** What a command answers for an action: its sentence, or why it was refused, with the status. */
    static String say(Actions.Result r) {
        return r.status() < 300 ? r.message() : "refused (" + r.status() + "): " + r.message();
    }
}
