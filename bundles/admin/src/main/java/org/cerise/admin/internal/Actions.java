package org.cerise.admin.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.NoSuchElementException;

import org.cerise.api.runtime.AppControl;
import org.cerise.api.runtime.AppInfo;
import org.cerise.api.runtime.RuntimeModel;
import org.cerise.api.runtime.SessionInfo;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actions the admin API, the console and the Gogo commands share; each one is written to the
 * audit log (logger {@code cerise.audit}: when, who, what, result), refused or not. Every action
 * checks its input before it changes anything, so a refused one (4xx) changes nothing.
 */
@Component(service = Actions.class)
public final class Actions {

    /** The sessions tool's configuration PID. */
    static final String SESSION_PID = "org.cerise.session";
    private static final Logger AUDIT = LoggerFactory.getLogger("cerise.audit");

    @Reference
    private ConfigurationAdmin configAdmin;
    @Reference
    private RuntimeModel model;
    @Reference
    private AppControl control;

    private Deployer deployer;
    private ConfigEditor configEditor;
    private BundleContext context;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
        deployer = new Deployer(ctx, this::watchedFolder);
        configEditor = new ConfigEditor(configAdmin, control, this::watchedFolder);
    }

    /** The folder FileInstall watches for jars and .cfg files (the one named deploy, else the first), or null. */
    Path watchedFolder() {
        String dirs = context.getProperty("felix.fileinstall.dir");
        if (dirs == null || dirs.isBlank()) {
            return null;
        }
        boolean running = false;
        for (Bundle b : context.getBundles()) {
            running |= "org.apache.felix.fileinstall".equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE;
        }
        if (!running) {
            return null;
        }
        Path first = null;
        for (String d : dirs.split(",")) {
            Path p = new File(d.strip()).getAbsoluteFile().toPath().normalize();
            if (first == null) {
                first = p;
            }
            if (p.getFileName() != null && p.getFileName().toString().equals("deploy")) {
                return p;
            }
        }
        return first;
    }

    /**
     * Unmounts an app: its mount point answers 404, its bundle keeps running (AppControl).
     *
     * @param who the user asking
     * @param app the app's name
     * @return 200 with the app's state, 404 for no such app
     */
    public Result unmount(String who, String app) {
        return audited(who, "unmount " + app, () -> appResult(control.unmount(app, who)));
    }

    /**
     * Mounts an unmounted app again.
     *
     * @param who the user asking
     * @param app the app's name
     * @return 200 with the app's state, 404 for no such app
     */
    public Result mount(String who, String app) {
        return audited(who, "mount " + app, () -> appResult(control.mount(app, who)));
    }

    /**
     * Mounts an app afresh from its current service and config.
     *
     * @param who the user asking
     * @param app the app's name
     * @return 200 with the app's state, 404 for no such app
     */
    public Result restart(String who, String app) {
        return audited(who, "restart " + app, () -> appResult(control.restart(app, who)));
    }

    /**
     * Hot-deploys an uploaded bundle (see {@link Deployer}).
     *
     * @param who  the user asking
     * @param name the upload's file name, for messages
     * @param jar  the jar's bytes
     * @return 201 installed, 200 replaced, 202 written, 400/422 refused (nothing changed)
     */
    public Result deploy(String who, String name, byte[] jar) {
        String n = name == null || name.isBlank() ? "the upload" : name;
        return audited(who, "deploy " + n + " (" + jar.length + " bytes)", () -> deployer.deploy(n, jar));
    }

    /**
     * Sets (or with a {@code null} value removes) one run-time config key of an app.
     *
     * @param who   the user asking
     * @param app   the app's name
     * @param key   the key ({@code [/path]key} for a section other than {@code [/]})
     * @param value a Python literal, or {@code null}
     * @return 200 applied, 400 refused (nothing changed), 404 no such app
     */
    public Result setConfig(String who, String app, String key, String value) {
        return audited(who, "config " + app + " " + key + (value == null ? " (remove)" : " = " + value), () -> {
            requireApp(app);
            return configEditor.set(app, key, value);
        });
    }

    /**
     * @param app an app's name
     * @return its run-time override keys
     * @throws NoSuchElementException for no such app
     */
    public Map<String, String> overrides(String app) throws IOException {
        requireApp(app);
        return configEditor.overrides(app);
    }

    /** @return where the app's overrides are kept */
    String overridesSource(String app) throws IOException {
        return configEditor.source(app);
    }

    private AppInfo requireApp(String app) {
        for (AppInfo a : model.apps()) {
            if (a.name().equals(app)) {
                return a;
            }
        }
        throw new NoSuchElementException("no app is named '" + app + "'");
    }

    private static Result appResult(AppInfo a) {
        return new Result(200, "app '" + a.name() + "' at " + a.mount() + " is " + a.state()
                + (a.reason() == null ? "" : ": " + a.reason()));
    }

    /** What an action does; it may throw NoSuchElementException (404) or IOException (500). */
    interface Body {
        Result run() throws IOException;
    }

    /**
     * Runs an action and writes it to the audit log, whatever its outcome. Pages and resources
     * that add an action (features install/remove, ...) go through here.
     *
     * @param who  the user
     * @param what the action and its argument, as the audit log shows it
     * @param body the action
     * @return its result
     */
    static Result audited(String who, String what, Body body) {
        Result r;
        try {
            r = body.run();
        } catch (NoSuchElementException e) {
            r = new Result(404, e.getMessage());
        } catch (IOException | RuntimeException e) {
            r = new Result(500, what + " failed: " + e);
        }
        audit(who, what, r);
        return r;
    }

    /** What an action did. @param status an HTTP status saying it @param message a sentence */
    public record Result(int status, String message) {
    }

    /**
     * Makes a session store the container's default (PID {@code org.cerise.session}, key
     * {@code store}); the sessions tool then moves every session to it.
     *
     * @param who   the user asking
     * @param store the store's name
     * @return the result: 202 when asked for, 400/409/500 when refused (nothing changed)
     */
    public Result switchStore(String who, String store) {
        Result r = doSwitchStore(store);
        audit(who, "store " + store, r);
        return r;
    }

    private Result doSwitchStore(String store) {
        if (store == null || !store.matches("[A-Za-z0-9._-]{1,64}")) {
            return new Result(400, "'store' must name a session store (letters, digits, '.', '_', '-'), got "
                    + (store == null ? "nothing" : "'" + store + "'"));
        }
        SessionInfo sessions = model.sessions();
        if (sessions == null) {
            return new Result(409, "no sessions tool is installed");
        }
        if (sessions.stores().stream().noneMatch(s -> s.name().equals(store))) {
            return new Result(409, "no session store named '" + store + "' is installed; installed: "
                    + sessions.stores().stream().map(SessionInfo.StoreInfo::name).toList());
        }
        try {
            Configuration c = configAdmin.getConfiguration(SESSION_PID, "?");
            Dictionary<String, Object> props = c.getProperties();
            if (props == null) {
                props = new Hashtable<>();
            }
            Object before = props.get("store");
            props.put("store", store);
            c.update(props);
            return new Result(202, "sessions now go to '" + store + "'"
                    + (before == null ? "" : " (were '" + before + "'); existing sessions are being moved"));
        } catch (IOException e) {
            return new Result(500, "could not update PID " + SESSION_PID + ": " + e.getMessage());
        }
    }

    /**
     * Writes an action, or a refused attempt, to the audit log.
     *
     * @param who    the user (or {@code anonymous})
     * @param what   the action and its argument
     * @param result its outcome
     */
    static void audit(String who, String what, Result result) {
        AUDIT.info("at={} user={} action=\"{}\" result={} \"{}\"", Instant.now(), who, what, result.status(),
                result.message());
    }
}
