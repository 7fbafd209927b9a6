package org.cerise.api.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * A place where session data is kept, CherryPy's {@code Session} backend methods
 * ({@code _load}, {@code _save}, {@code _delete}, {@code _exists}, {@code acquire_lock},
 * {@code clean_up}, {@code __len__}) as a service.
 *
 * <p>A store holds, per session id, opaque bytes and the instant they expire; expired data is
 * never returned, whether or not it has been removed yet. Every method may be called from many
 * threads at once. A store that cannot reach its server throws {@link SessionStoreException}
 * and loses nothing it had already acknowledged; it recovers by itself when the server returns.
 *
 * <p>Ids are at most 128 characters of {@code [A-Za-z0-9_-]} ({@link #isValidId}); a store
 * refuses any other id with {@link IllegalArgumentException}, so that no id can name a path or
 * a key outside the store's own.
 */
public interface SessionStore {

    /** The service property that names a store, e.g. {@code ram}, {@code file}, {@code redis}. */
    String NAME = "cerise.session.store";

    /**
     * @param id the session id
     * @return the data saved last for the id, or {@code null} if there is none or it expired
     * @throws SessionStoreException if the store cannot be read
     */
    StoredSession load(String id) throws SessionStoreException;

    /**
     * Stores a session's data, replacing what was stored for the id. An expiry that has
     * already passed leaves nothing to load.
     *
     * @param id      the session id
     * @param data    the session's data; the store keeps its own copy
     * @param expires when the data expires
     * @throws SessionStoreException if the store cannot be written (then it is unchanged)
     */
    void save(String id, byte[] data, Instant expires) throws SessionStoreException;

    /**
     * Removes a session; nothing happens if there is none.
     *
     * @param id the session id
     * @throws SessionStoreException if the store cannot be written
     */
    void delete(String id) throws SessionStoreException;

    /**
     * @param id the session id
     * @return whether unexpired data is stored for the id
     * @throws SessionStoreException if the store cannot be read
     */
    boolean exists(String id) throws SessionStoreException;

    /**
     * Takes the session's lock, waiting at most {@code timeout} for it. The lock excludes every
     * other holder of the same id in this store (other threads; for a shared server, other
     * processes too) until it is {@linkplain SessionLock#close() closed}; it is not reentrant.
     * A store whose locks can outlive their holder (a crashed process) lets them expire. Ids
     * lock independently, and an id may be locked whether or not data is stored for it.
     *
     * @param id      the session id
     * @param timeout how long to wait
     * @return the held lock
     * @throws SessionLockTimeoutException if the lock was not free within the timeout
     * @throws SessionStoreException       if the store cannot be reached
     */
    SessionLock lock(String id, Duration timeout) throws SessionStoreException;

    /**
     * Removes expired sessions, as CherryPy's periodic {@code clean_up}. Stores whose server
     * expires data by itself may do nothing.
     *
     * @return how many sessions were removed (0 when the server removes them itself)
     * @throws SessionStoreException if the store cannot be cleaned
     */
    int removeExpired() throws SessionStoreException;

    /**
     * @return how many unexpired sessions the store holds
     * @throws SessionStoreException if the store cannot be read
     */
    long count() throws SessionStoreException;

    /**
     * The ids of the sessions the store holds (a snapshot; ids that expire meanwhile may be
     * included), for moving every session to another store.
     *
     * @return the ids
     * @throws SessionStoreException if the store cannot be read
     */
    Collection<String> ids() throws SessionStoreException;

    /**
     * @param id a candidate session id, e.g. from a cookie
     * @return whether every store accepts it: 1 to 128 characters of {@code [A-Za-z0-9_-]}
     */
    static boolean isValidId(String id) {
        // a plain loop: every store operation checks its id, so this is on every request's path
        if (id == null || id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param id a session id given to a store
     * @return the id
     * @throws IllegalArgumentException if it is not {@linkplain #isValidId valid}
     */
    static String checkId(String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("not a session id (1 to 128 characters of A-Z, a-z, 0-9, _ and -): "
                    + (id == null ? "null" : "'" + id + "'"));
        }
        return id;
    }

}
