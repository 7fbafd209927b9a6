package org.cerise.admin.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;

import org.cerise.api.runtime.RuntimeModel;
import org.cerise.api.runtime.SessionInfo;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actions the admin API and the Gogo commands share; each one is written to the audit log
 * (logger {@code cerise.audit}: when, who, what, result), refused or not.
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
