package org.cerise.api.runtime;

import java.util.List;

/**
 * The session backends.
 *
 * @param configured the store the config names (PID {@code org.cerise.session}, key {@code store})
 * @param active     the store sessions are saved in, or {@code null} while the configured one is not installed
 * @param draining   stores whose sessions are being moved to the active one (a switch in progress), newest first
 * @param stores     every installed store
 */
public record SessionInfo(String configured, String active, List<String> draining, List<StoreInfo> stores) {

    /** Copies the lists. */
    public SessionInfo {
        draining = List.copyOf(draining);
        stores = List.copyOf(stores);
    }

    /**
     * One installed session store.
     *
     * @param name     its {@code cerise.session.store}
     * @param bundle   the symbolic name of the bundle that registered it
     * @param sessions how many sessions it holds, or {@code -1} if it cannot tell (see {@code error})
     * @param error    why the count failed, or {@code null}
     */
    public record StoreInfo(String name, String bundle, long sessions, String error) {
    }
}
