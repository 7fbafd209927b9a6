package org.cerise.api;

import java.util.Set;

/**
 * The session of the current request, like {@code cherrypy.session}, available when the
 * sessions tool is on for the request's path ({@code tools.sessions.on = True}).
 *
 * <p>Reach it as a handler argument of type {@code Session} or from {@link Cerise#session()}.
 * Values are stored as data, not as live objects: strings, numbers, booleans, lists and maps of
 * those, and plain classes that convert to and from such a tree. Read a value of your own
 * class with {@link #get(String, Class)}, which converts in the caller's class loader, so that
 * an updated app bundle never meets an object of its old class.
 */
public interface Session {

    /** @return the session id, as sent in the session cookie */
    String id();

    /**
     * A stored value as data (strings, numbers, booleans, lists, maps).
     *
     * @param key the key
     * @return the value, or {@code null} if absent
     */
    Object get(String key);

    /**
     * A stored value converted to the given type.
     *
     * @param <T>  the type
     * @param key  the key
     * @param type the class to convert to
     * @return the value, or {@code null} if absent
     * @throws IllegalArgumentException if the stored data does not convert to the type
     */
    <T> T get(String key, Class<T> type);

    /**
     * Stores a value; the session is saved at the end of the request.
     *
     * @param key   the key
     * @param value the value, which must convert to data
     * @return the previous value as data, or {@code null}
     */
    Object put(String key, Object value);

    /**
     * Removes a value, like {@code session.pop(key, None)}.
     *
     * @param key the key
     * @return the removed value as data, or {@code null}
     */
    Object remove(String key);

    /**
     * @param key the key
     * @return whether the session holds the key
     */
    boolean containsKey(String key);

    /** @return the keys held */
    Set<String> keys();

    /** Removes every value. */
    void clear();

    /**
     * Gives the session a new id and deletes what was stored under the old one (fixation
     * defence, as after a login); the data of this request is kept and saved under the new id,
     * and the cookie is sent again.
     */
    void regenerate();

    /**
     * Ends the session, as a logout: its stored data is deleted and the client's cookie is
     * expired ({@code lib.sessions.expire()}, which in CherryPy expires only the cookie).
     */
    void expire();

    /**
     * The id the client sent, which is not {@link #id()} when it named no live session (it
     * expired, or was never issued) and a new one was made.
     *
     * @return the id from the request's cookie, or {@code null} if it had none
     */
    String originalId();

    /**
     * Takes the session's lock, for {@code tools.sessions.locking = 'explicit'} (with the
     * default {@code implicit} locking the sessions tool takes it before the handler runs): the
     * requests of one session then run their handlers one at a time. Released when the
     * session is saved at the end of the request, or by {@link #releaseLock()}.
     *
     * @throws HttpError 503 if the lock is not free within {@code tools.sessions.lock_timeout}
     */
    void acquireLock();

    /** Releases the session's lock early; nothing happens if it is not held. */
    void releaseLock();

    /** @return whether this request holds the session's lock */
    boolean locked();
}
