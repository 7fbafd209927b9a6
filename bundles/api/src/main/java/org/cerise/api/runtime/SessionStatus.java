package org.cerise.api.runtime;

/**
 * The sessions part of the runtime model, contributed by the sessions tool as a service so that
 * the core need not know it.
 */
public interface SessionStatus {

    /** @return the session backends now; counting sessions may ask a remote store */
    SessionInfo sessions();
}
