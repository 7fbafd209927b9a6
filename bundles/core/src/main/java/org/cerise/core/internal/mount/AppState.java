package org.cerise.core.internal.mount;

/**
 * Where an app stands, with the human sentence that explains it.
 *
 * @param status the state
 * @param reason why the app is not mounted, or {@code null} when mounted
 */
public record AppState(Status status, String reason) {

    /** The states an app service can be in. */
    public enum Status {
        /** Serving. */
        MOUNTED,
        /** Waiting for a tool, dispatcher or mount point that is not available; mounts when it is. */
        WAITING,
        /** Its config or structure is wrong; mounts when it is fixed. */
        FAILED,
        /** An admin took it out of service (AppControl.unmount); mounts when an admin mounts it again. */
        UNMOUNTED
    }

    static final AppState MOUNTED = new AppState(Status.MOUNTED, null);
}
