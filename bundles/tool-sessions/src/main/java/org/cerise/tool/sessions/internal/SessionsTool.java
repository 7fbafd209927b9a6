package org.cerise.tool.sessions.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.cerise.api.ConfigException;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.engine.Engine;
import org.cerise.api.tool.CeriseTool;
import org.cerise.api.tool.HookPoint;
import org.cerise.api.tool.Tool;
import org.cerise.api.tool.ToolSetup;
import org.cerise.api.session.SessionStore;
import org.cerise.api.session.SessionStoreException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CherryPy's {@code tools.sessions}: a session per client, identified by a cookie, its data
 * kept in a {@link SessionStore} chosen by name: the container's default (PID
 * {@code org.cerise.session}, key {@code store}; switching it moves every session to the new
 * store while the container serves) or the app's own {@code tools.sessions.storage}.
 *
 * <p>Hooks, as CherryPy's {@code SessionTool}: the session is opened at
 * {@code before_request_body} (priority 50, {@code tools.sessions.priority}); locked at
 * {@code before_handler} ({@code locking = 'implicit'}) or {@code before_request_body}
 * priority 60 ({@code 'early'}); saved at {@code before_finalize} (failsafe; at
 * {@code on_end_request} for streamed responses); its lock released at {@code on_end_request}
 * priority 90 (failsafe). Expired sessions are removed every {@code clean_freq} minutes.
 */
@Component(service = {Tool.class, org.cerise.api.runtime.SessionStatus.class}, configurationPid = "org.cerise.session",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@CeriseTool(name = "sessions")
@Designate(ocd = SessionsTool.Config.class)
public final class SessionsTool implements Tool, org.cerise.api.runtime.SessionStatus {

    /** The container-wide settings of sessions. */
    @ObjectClassDefinition(name = "Cerise sessions", description = "Where sessions are kept, unless an app names "
            + "its own store (tools.sessions.storage). Changing it moves every session to the new store while the "
            + "container serves.")
    public @interface Config {
        /** @return the name of the default session store */
        @AttributeDefinition(description = "The session store that keeps sessions: ram, file, memcached, redis, or "
                + "the cerise.session.store name of any installed SessionStore")
        String store() default "ram";
    }

    static final int PRIORITY = 50;
    static final String SESSION = "org.cerise.tool.sessions.session";
    private static final Logger LOG = LoggerFactory.getLogger("cerise.sessions");

    /** CherryPy's backend arguments, which configure a store rather than the tool in Cerise. */
    private static final Map<String, String> STORE_SETTINGS = Map.of("storage_path", "file", "servers", "memcached");

    private final Map<SessionStore, Map<String, Object>> stores = new ConcurrentHashMap<>();
    private final Map<StoreView, Cleaning> cleaning = new ConcurrentHashMap<>();
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cerise-sessions");
        t.setDaemon(true);
        return t;
    });
    private final DefaultStore defaultStore = new DefaultStore(new DefaultStore.Registry() {
        @Override
        public SessionStore best(String name) {
            return stores.entrySet().stream().filter(e -> name.equals(String.valueOf(e.getValue().get(SessionStore.NAME))))
                    .max(Comparator.comparing((Map.Entry<SessionStore, Map<String, Object>> e) -> ranking(e.getValue()))
                            .thenComparing(e -> -serviceId(e.getValue())))
                    .map(Map.Entry::getKey).orElse(null);
        }

        @Override
        public boolean registered(SessionStore store) {
            return stores.containsKey(store);
        }
    }, background);

    /** @param store a store registered @param properties its service properties */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStore(SessionStore store, Map<String, Object> properties) {
        stores.put(store, properties);
        defaultStore.storesChanged();
    }

    void updatedStore(SessionStore store, Map<String, Object> properties) {
        stores.put(store, properties);
        defaultStore.storesChanged();
    }

    void unbindStore(SessionStore store, Map<String, Object> properties) {
        stores.remove(store);
        BundleContext ctx = context;
        if (deactivated || ctx != null && ctx.getBundle(0).getState() == Bundle.STOPPING) {
            // this component is going (SCR unbinds the stores after deactivate) or the container
            // is shutting down: no sessions are kept any more, nothing to say
            return;
        }
        cleaning.keySet().removeIf(v -> v instanceof DirectStore && ((DirectStore) v).store() == store);
        defaultStore.storesChanged();
    }

    /** The engine, whose Monitor runs the clean-up while it is started, as CherryPy's 'Session cleanup'. */
    @Reference
    private Engine engine;
    private AutoCloseable cleanup;

    private volatile BundleContext context;
    /** Set by deactivate: SCR unbinds the stores after it, which then says nothing. */
    private volatile boolean deactivated;

    @Activate
    void activate(Config config, BundleContext ctx) {
        context = ctx;
        defaultStore.configure(config.store());
        // every minute: each store is cleaned at its scopes' most frequent clean_freq
        cleanup = engine.monitor("Session cleanup", this::clean, java.time.Duration.ofMinutes(1));
    }

    @Modified
    void modified(Config config) {
        defaultStore.configure(config.store());
    }

    @Deactivate
    void deactivate() {
        deactivated = true;
        if (cleanup != null) {
            try {
                cleanup.close();
            } catch (Exception e) {
                LOG.debug("Closing the clean-up monitor", e);
            }
        }
        background.shutdownNow();
    }

    /** The session part of the runtime model: the default store's state and every store's count. */
    @Override
    public org.cerise.api.runtime.SessionInfo sessions() {
        DefaultStore.State st = defaultStore.state();
        List<org.cerise.api.runtime.SessionInfo.StoreInfo> infos = new ArrayList<>();
        BundleContext ctx = context;
        for (Map.Entry<SessionStore, Map<String, Object>> e : stores.entrySet()) {
            String name = String.valueOf(e.getValue().get(SessionStore.NAME));
            Object bid = e.getValue().get("service.bundleid");
            Bundle b = ctx != null && bid instanceof Long ? ctx.getBundle((Long) bid) : null;
            long count = -1;
            String error = null;
            try {
                count = e.getKey().count();
            } catch (SessionStoreException | RuntimeException ex) {
                error = String.valueOf(ex.getMessage());
            }
            infos.add(new org.cerise.api.runtime.SessionInfo.StoreInfo(name, b == null ? null : b.getSymbolicName(),
                    count, error));
        }
        infos.sort(Comparator.comparing(org.cerise.api.runtime.SessionInfo.StoreInfo::name));
        List<String> draining = new ArrayList<>();
        st.draining().forEach(n -> draining.add(n.name()));
        return new org.cerise.api.runtime.SessionInfo(defaultStore.wanted(),
                st.active() == null ? null : st.active().name(), draining, infos);
    }

    /** @return the container's default store, for tests */
    DefaultStore defaultStore() {
        return defaultStore;
    }

    private static int ranking(Map<String, Object> properties) {
        Object r = properties.get("service.ranking");
        return r instanceof Integer ? (Integer) r : 0;
    }

    private static long serviceId(Map<String, Object> properties) {
        Object id = properties.get("service.id");
        return id instanceof Long ? (Long) id : 0L;
    }

    @Override
    public void setup(ToolSetup setup) throws ConfigException {
        if (setup.args().containsKey("storage_class")) {
            throw setup.badArg("storage_class", "is a Python class in CherryPy; name an installed session store "
                    + "instead, e.g. tools.sessions.storage = 'file'");
        }
        for (Map.Entry<String, String> e : STORE_SETTINGS.entrySet()) {
            if (setup.args().containsKey(e.getKey())) {
                throw setup.badArg(e.getKey(), "configures the " + e.getValue() + " store in Cerise, not the tool: set "
                        + e.getKey() + " in the store's own configuration (PID org.cerise.session." + e.getValue()
                        + ", e.g. deploy/org.cerise.session." + e.getValue() + ".cfg)");
            }
        }
        setup.allowArgs("name", "timeout", "persistent", "path", "path_header", "domain", "secure", "httponly",
                "samesite", "locking", "lock_timeout", "clean_freq", "debug", "storage", "storage_type");
        SessionSettings settings = settings(setup);
        long cleanMinutes = setup.longArg("clean_freq", 5);
        if (cleanMinutes < 0) {
            throw setup.badArg("clean_freq", "must be a number of minutes, 0 for no clean-up");
        }
        if (cleanMinutes > 0) {
            cleaning.merge(settings.store(), new Cleaning(cleanMinutes), Cleaning::sooner);
        }

        int priority = setup.priority(PRIORITY);
        setup.hook(HookPoint.BEFORE_REQUEST_BODY, priority, false, (request, response) -> open(request, response, settings));
        if (settings.locking() == SessionSettings.Locking.IMPLICIT) {
            setup.hook(HookPoint.BEFORE_HANDLER, PRIORITY, false, (request, response) -> lock(request));
        } else if (settings.locking() == SessionSettings.Locking.EARLY) {
            setup.hook(HookPoint.BEFORE_REQUEST_BODY, 60, false, (request, response) -> lock(request));
        }
        setup.hook(HookPoint.BEFORE_FINALIZE, PRIORITY, true, SessionsTool::save);
        setup.hook(HookPoint.ON_END_REQUEST, 90, true, (request, response) -> {
            RequestSession session = session(request);
            if (session != null) {
                session.close();
            }
        });
    }

    private SessionSettings settings(ToolSetup setup) throws ConfigException {
        String name = setup.stringArg("name", "session_id");
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
            throw setup.badArg("name", "must be a cookie name: letters, digits and !#$%&'*+-.^_`|~");
        }
        Duration timeout = minutes(setup, "timeout", 60);
        if (timeout.isZero() || timeout.isNegative()) {
            throw setup.badArg("timeout", "must be a positive number of minutes");
        }
        String sameSite = setup.stringArg("samesite", null);
        boolean secure = setup.booleanArg("secure", false);
        if (sameSite != null) {
            String canonical = switch (sameSite.toLowerCase(Locale.ROOT)) {
                case "strict" -> "Strict";
                case "lax" -> "Lax";
                case "none" -> "None";
                default -> throw setup.badArg("samesite", "must be 'Strict', 'Lax' or 'None'");
            };
            if (canonical.equals("None") && !secure) {
                throw setup.badArg("samesite", "'None' needs tools.sessions.secure = True: browsers refuse SameSite=None "
                        + "cookies that are not Secure");
            }
            sameSite = canonical;
        }
        String locking = setup.stringArg("locking", "implicit");
        SessionSettings.Locking lockMode = switch (locking) {
            case "implicit" -> SessionSettings.Locking.IMPLICIT;
            case "early" -> SessionSettings.Locking.EARLY;
            case "explicit" -> SessionSettings.Locking.EXPLICIT;
            default -> throw setup.badArg("locking", "must be 'implicit', 'early' or 'explicit' (CherryPy takes any "
                    + "other value as 'explicit', which would leave sessions unlocked by a typo)");
        };
        Object lockTimeout = setup.args().get("lock_timeout");
        Duration lockWait = Duration.ofSeconds(30);
        if (lockTimeout != null) {
            if (!(lockTimeout instanceof Number) || ((Number) lockTimeout).doubleValue() <= 0) {
                throw setup.badArg("lock_timeout", "must be a positive number of seconds");
            }
            lockWait = Duration.ofMillis(Math.round(((Number) lockTimeout).doubleValue() * 1000));
        }
        return new SessionSettings(name, timeout, setup.booleanArg("persistent", true), setup.stringArg("path", null),
                setup.stringArg("path_header", null), setup.stringArg("domain", null), secure,
                setup.booleanArg("httponly", false), sameSite, lockMode, lockWait, setup.booleanArg("debug", false),
                store(setup), new SessionData());
    }

    /** The app's own store ({@code storage}, or CherryPy's deprecated {@code storage_type}), else the default. */
    private StoreView store(ToolSetup setup) throws ConfigException {
        boolean storage = setup.args().containsKey("storage");
        boolean storageType = setup.args().containsKey("storage_type");
        if (storage && storageType) {
            throw setup.badArg("storage_type", "is CherryPy's old name of tools.sessions.storage: set only one");
        }
        if (!storage && !storageType) {
            return defaultStore;
        }
        String arg = storage ? "storage" : "storage_type";
        return new DirectStore(setup.stringArg(arg, null), setup.service(arg, SessionStore.class, SessionStore.NAME));
    }

    private static Duration minutes(ToolSetup setup, String arg, long dflt) throws ConfigException {
        Object v = setup.args().get(arg);
        if (v == null) {
            return Duration.ofMinutes(dflt);
        }
        if (!(v instanceof Number)) {
            throw setup.badArg(arg, "must be a number of minutes");
        }
        return Duration.ofMillis(Math.round(((Number) v).doubleValue() * 60_000));
    }

    private static RequestSession session(Request request) {
        return (RequestSession) request.attribute(SESSION);
    }

    private static void open(Request request, Response response, SessionSettings settings) {
        if (session(request) != null) {
            return;
        }
        RequestSession session = new RequestSession(settings, request, response);
        request.setAttribute(SESSION, session);
        request.setSession(session);
    }

    private static void lock(Request request) {
        RequestSession session = session(request);
        if (session != null) {
            session.acquireLock();
        }
    }

    /** CherryPy's {@code save}: now, or once a streamed body has been sent. */
    private static void save(Request request, Response response) {
        RequestSession session = session(request);
        if (session == null) {
            return;
        }
        if (response.stream()) {
            request.attachHook(HookPoint.ON_END_REQUEST, PRIORITY, true, (r, p) -> session.save());
        } else {
            // a lazy body may still touch the session: run it before saving, as CherryPy collapses it
            Object body = response.body();
            if (body instanceof java.util.Iterator || body instanceof java.util.stream.Stream
                    || body instanceof Iterable) {
                response.collapseBody();
            }
            session.save();
        }
    }

    /** Removes expired sessions of every store in use, each at its scopes' most frequent {@code clean_freq}. */
    private void clean() {
        clean(false);
    }

    /**
     * @param all clean every store in use now, whether or not its {@code clean_freq} has passed
     *            (for tests)
     */
    void clean(boolean all) {
        long now = System.nanoTime();
        for (Map.Entry<StoreView, Cleaning> e : cleaning.entrySet()) {
            Cleaning c = e.getValue();
            if (!all && now - c.last < TimeUnit.MINUTES.toNanos(c.minutes)) {
                continue;
            }
            c.last = now;
            try {
                int removed = e.getKey().removeExpired();
                if (removed > 0) {
                    LOG.debug("Removed {} expired sessions from {}", removed, e.getKey().describe());
                }
            } catch (SessionStoreException | RuntimeException ex) {
                LOG.warn("Could not remove expired sessions from the session store {}: {}", e.getKey().describe(),
                        ex.toString());
            }
        }
    }

    /** How often a store is cleaned, and when it was last. */
    private static final class Cleaning {
        final long minutes;
        volatile long last = System.nanoTime();

        Cleaning(long minutes) {
            this.minutes = minutes;
        }

        Cleaning sooner(Cleaning other) {
            return other.minutes < minutes ? other : this;
        }
    }
}
