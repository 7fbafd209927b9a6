package org.cerise.tool.sessions.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.cerise.api.Cookie;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.Session;
import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionLockTimeoutException;
import org.cerise.api.session.SessionStore;
import org.cerise.api.session.SessionStoreException;
import org.cerise.api.session.StoredSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session of one request, CherryPy's {@code Session}: the id from the cookie if it names a
 * live session, else a new one (an unknown or expired id is never adopted: fixation defence);
 * the data loaded on first use and saved at the end of the request only if it was loaded; the
 * lock taken as {@code locking} says and released when the session is saved or the request
 * ends. A store that fails answers the request 503, naming the store.
 */
final class RequestSession implements Session {

    private static final Logger LOG = LoggerFactory.getLogger("cerise.sessions");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    /** CherryPy's {@code lib.sessions.expire()} dates the cookie one year back. */
    private static final long ONE_YEAR_SECONDS = 60L * 60 * 24 * 365;

    private final SessionSettings settings;
    private final Request request;
    private final Response response;
    private final String originalId;
    private String id;
    private Map<String, Object> values;
    private SessionLock lock;
    private boolean expired;
    private boolean saved;

    /**
     * Opens the request's session (CherryPy's {@code init}) and sends its cookie.
     *
     * @param settings the scope's settings
     * @param request  the request
     * @param response its response
     */
    RequestSession(SessionSettings settings, Request request, Response response) {
        this.settings = settings;
        this.request = request;
        this.response = response;
        this.originalId = request.cookie(settings.cookieName());
        if (originalId != null && SessionStore.isValidId(originalId) && live(originalId)) {
            id = originalId;
            debug("Using session {} from the cookie", id);
        } else {
            if (originalId != null) {
                debug("Expired or unknown session id {}: making a new one", originalId);
            }
            id = newId();
        }
        sendCookie();
    }

    private boolean live(String candidate) {
        try {
            return settings.store().exists(candidate);
        } catch (SessionStoreException e) {
            throw unavailable(e);
        }
    }

    /** A fresh id, 40 hex digits from 20 random bytes, that no stored session has. */
    private String newId() {
        while (true) {
            byte[] bytes = new byte[20];
            RANDOM.nextBytes(bytes);
            String candidate = HEX.formatHex(bytes);
            if (!live(candidate)) {
                return candidate;
            }
        }
    }

    /** CherryPy's {@code set_response_cookie}: the id, Path, and with {@code persistent} Max-Age and expires. */
    private void sendCookie() {
        Cookie cookie = cookie();
        if (settings.persistent()) {
            // whole seconds, rounded up: a fraction must not become Max-Age=0, which deletes the cookie
            long seconds = (settings.timeout().toMillis() + 999) / 1000;
            cookie = cookie.withMaxAge(seconds).withExpires(Instant.now().plusSeconds(seconds));
        }
        response.addCookie(cookie);
    }

    /** The cookie with the session's id and the scope's attributes, without an age. */
    private Cookie cookie() {
        String path = settings.path();
        if (path == null && settings.pathHeader() != null) {
            path = request.header(settings.pathHeader());
        }
        Cookie cookie = Cookie.of(settings.cookieName(), id).withPath(path == null || path.isEmpty() ? "/" : path);
        if (settings.domain() != null) {
            cookie = cookie.withDomain(settings.domain());
        }
        cookie = cookie.withSecure(settings.secure()).withHttpOnly(settings.httpOnly());
        if (settings.sameSite() != null) {
            cookie = cookie.withSameSite(settings.sameSite());
        }
        return cookie;
    }

    private Map<String, Object> values() {
        if (values == null) {
            StoredSession stored;
            try {
                stored = settings.store().load(id);
            } catch (SessionStoreException e) {
                throw unavailable(e);
            }
            values = new LinkedHashMap<>();
            if (stored != null) {
                try {
                    values.putAll(settings.data().decode(stored.data()));
                } catch (IOException e) {
                    LOG.warn("Session {} in the store {} is not a session Cerise wrote; starting it afresh: {}", id,
                            settings.store().describe(), e.getMessage());
                }
            }
            debug("Loaded session {} ({} values)", id, values.size());
        }
        return values;
    }

    /**
     * Saves the data if it was loaded (CherryPy saves only then), with the expiry pushed to
     * {@code timeout} from now, and releases the lock. Once per request.
     */
    void save() {
        if (saved) {
            return;
        }
        saved = true;
        try {
            if (values != null && !expired) {
                settings.store().save(id, settings.data().encode(values), Instant.now().plus(settings.timeout()));
                debug("Saved session {}", id);
            }
        } catch (SessionStoreException e) {
            throw unavailable(e);
        } finally {
            releaseLock();
        }
    }

    /** CherryPy's {@code close}: the lock goes at the end of the request whatever happened. */
    void close() {
        releaseLock();
    }

    private HttpError unavailable(SessionStoreException e) {
        if (e instanceof SessionLockTimeoutException) {
            LOG.warn("Session {}: {}", id, e.getMessage());
            return new HttpError(503, "This session is busy with another request; try again in a moment.");
        }
        LOG.warn("Sessions are unavailable for {}: the session store {} failed: {}", request.requestLine(),
                settings.store().describe(), e.getMessage());
        // an error page drops Retry-After (CherryPy's clean_headers): set it once the page is made
        request.attachHook(org.cerise.api.tool.HookPoint.BEFORE_FINALIZE, 0, true,
                (r, page) -> page.setHeader("Retry-After", "5"));
        return new HttpError(503, "Sessions are unavailable: the session store " + settings.store().describe()
                + " cannot be reached.");
    }

    private void debug(String message, Object... args) {
        if (settings.debug()) {
            LOG.info("[TOOLS.SESSIONS] " + message, args);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String originalId() {
        return originalId;
    }

    @Override
    public Object get(String key) {
        return values().get(key);
    }

    @Override
    public <T> T get(String key, Class<T> type) {
        return settings.data().convert(values().get(key), type);
    }

    @Override
    public Object put(String key, Object value) {
        return values().put(key, settings.data().toData(value));
    }

    @Override
    public Object remove(String key) {
        return values().remove(key);
    }

    @Override
    public boolean containsKey(String key) {
        return values().containsKey(key);
    }

    @Override
    public Set<String> keys() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(values().keySet()));
    }

    @Override
    public void clear() {
        values().clear();
    }

    @Override
    public void regenerate() {
        Map<String, Object> kept = values();
        boolean wasLocked = lock != null;
        try {
            settings.store().delete(id);
        } catch (SessionStoreException e) {
            throw unavailable(e);
        }
        releaseLock();
        String old = id;
        id = newId();
        values = kept;
        if (wasLocked) {
            acquireLock();
        }
        sendCookie();
        debug("Regenerated session {} as {}", old, id);
    }

    @Override
    public void expire() {
        try {
            settings.store().delete(id);
        } catch (SessionStoreException e) {
            throw unavailable(e);
        }
        expired = true;
        values = new LinkedHashMap<>();
        response.addCookie(cookie().withExpires(Instant.now().minusSeconds(ONE_YEAR_SECONDS)));
        debug("Expired session {}", id);
    }

    @Override
    public void acquireLock() {
        if (lock != null) {
            return;
        }
        try {
            lock = settings.store().lock(id, settings.lockTimeout());
        } catch (SessionStoreException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void releaseLock() {
        SessionLock held = lock;
        lock = null;
        if (held != null) {
            held.close();
        }
    }

    @Override
    public boolean locked() {
        return lock != null;
    }
}
