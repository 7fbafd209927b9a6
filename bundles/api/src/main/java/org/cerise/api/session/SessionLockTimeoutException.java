package org.cerise.api.session;

/** A session's lock was not free within the time allowed (CherryPy's {@code LockTimeout}). */
public class SessionLockTimeoutException extends SessionStoreException {

    private static final long serialVersionUID = 1L;

    /** @param message which session and how long was waited */
    public SessionLockTimeoutException(String message) {
        super(message);
    }
}
