/**
 * The session store SPI: where the sessions tool keeps session data.
 *
 * <p>A backend (RAM, files, memcached, Redis, ...) is a {@link org.cerise.api.session.SessionStore}
 * service named by its {@code cerise.session.store} property
 * ({@link org.cerise.api.session.CeriseSessionStore}). The sessions tool picks the store by
 * name: the container's default from Config Admin (PID {@code org.cerise.session}, key
 * {@code store}), or an app's own {@code tools.sessions.storage}. A store keeps opaque bytes
 * with an expiry; it never sees, and never creates, application objects. Every backend's tests
 * extend the compliance suite {@code SessionStoreContract} of this bundle's test-jar.
 */
@Version("1.0.0")
@Export
package org.cerise.api.session;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
