package org.cerise.tool.sessions.internal;

import java.time.Duration;
import java.time.Instant;

import org.cerise.api.session.SessionLock;
import org.cerise.api.session.SessionStoreException;
import org.cerise.api.session.StoredSession;

/**
 * Where the sessions of a config scope are kept: one named store ({@link DirectStore}, for
 * {@code tools.sessions.storage}), or the container's default store, which can move to another
 * while the container serves ({@link DefaultStore}).
 */
interface StoreView {

    /** @return how to name it in messages, e.g. {@code 'ram'} */
    String describe();

    StoredSession load(String id) throws SessionStoreException;

    void save(String id, byte[] data, Instant expires) throws SessionStoreException;

    void delete(String id) throws SessionStoreException;

    boolean exists(String id) throws SessionStoreException;

    SessionLock lock(String id, Duration timeout) throws SessionStoreException;

    /** @return how many expired sessions were removed */
    int removeExpired() throws SessionStoreException;
}
