package org.cerise.api.session;

import java.io.IOException;

/**
 * A session store could not do what was asked: its server is unreachable, its files cannot be
 * written. Requests that need the store are answered 503 while it lasts.
 */
public class SessionStoreException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the store and its server or path */
    public SessionStoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the store and its server or path
     * @param cause   the underlying failure
     */
    public SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
