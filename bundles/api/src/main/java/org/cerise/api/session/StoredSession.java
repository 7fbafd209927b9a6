package org.cerise.api.session;

import java.time.Instant;

/**
 * A session as a store keeps it.
 *
 * @param data    the session's data, as the sessions tool wrote it
 * @param expires when it expires (stores may round it to the second)
 */
public record StoredSession(byte[] data, Instant expires) {
}
