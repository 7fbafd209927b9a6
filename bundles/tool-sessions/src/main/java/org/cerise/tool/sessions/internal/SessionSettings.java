package org.cerise.tool.sessions.internal;

import java.time.Duration;

/**
 * The sessions tool's arguments for one config scope, read once at mount.
 *
 * @param cookieName   {@code name}: the cookie that carries the id
 * @param timeout      {@code timeout} (minutes): how long data lives unused, and the cookie's age
 * @param persistent   {@code persistent}: whether the cookie has an age (else it ends with the browser)
 * @param path         {@code path}: the cookie's Path, or {@code null}
 * @param pathHeader   {@code path_header}: the request header the Path comes from, or {@code null}
 * @param domain       {@code domain}, or {@code null}
 * @param secure       {@code secure}
 * @param httpOnly     {@code httponly}
 * @param sameSite     {@code samesite} ({@code Strict}, {@code Lax}, {@code None}), or {@code null}
 * @param locking      {@code locking}
 * @param lockTimeout  {@code lock_timeout}: how long a request waits for the session's lock
 * @param debug        {@code debug}: log what the tool does
 * @param store        where the sessions go
 * @param data         how values become data
 */
record SessionSettings(String cookieName, Duration timeout, boolean persistent, String path, String pathHeader,
        String domain, boolean secure, boolean httpOnly, String sameSite, Locking locking, Duration lockTimeout,
        boolean debug, StoreView store, SessionData data) {

    /** CherryPy's {@code tools.sessions.locking}. */
    enum Locking {
        /** before the handler ({@code before_handler}) */
        IMPLICIT,
        /** before the request body is read ({@code before_request_body}, priority 60) */
        EARLY,
        /** when the handler asks ({@code session.acquireLock()}) */
        EXPLICIT
    }
}
