package org.cerise.api.session;

/** A held session lock ({@link SessionStore#lock}); closing releases it. */
public interface SessionLock extends AutoCloseable {

    /**
     * Releases the lock; a second call does nothing. A release the server does not
     * acknowledge is logged by the store: the lock then expires by itself.
     */
    @Override
    void close();
}
