package org.cerise.tool.sessions.internal;

import java.time.Duration;
import java.time.Instant;

import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionStore;
import org.cerise.api.session.SessionStoreException;
import org.cerise.api.session.StoredSession;

/**
 * The store an app names itself ({@code tools.sessions.storage = 'file'}): the app is mounted
 * with it and mounted again when it changes, so it is used as it is.
 *
 * @param name  its name
 * @param store the store
 */
record DirectStore(String name, SessionStore store) implements StoreView {

    @Override
    public String describe() {
        return "'" + name + "'";
    }

    @Override
    public StoredSession load(String id) throws SessionStoreException {
        return store.load(id);
    }

    @Override
    public void save(String id, byte[] data, Instant expires) throws SessionStoreException {
        store.save(id, data, expires);
    }

    @Override
    public void delete(String id) throws SessionStoreException {
        store.delete(id);
    }

    @Override
    public boolean exists(String id) throws SessionStoreException {
        return store.exists(id);
    }

    @Override
    public SessionLock lock(String id, Duration timeout) throws SessionStoreException {
        return store.lock(id, timeout);
    }

    @Override
    public int removeExpired() throws SessionStoreException {
        return store.removeExpired();
    }
}
