package org.cerise.api.runtime;

import java.util.List;

/**
 * The runtime model of the container, provided by the core as a service. Every method returns a
 * fresh immutable snapshot and has no side effect; none of them is meant for the request path.
 */
public interface RuntimeModel {

    /** @return every app service with its state, sorted by mount point */
    List<AppInfo> apps();

    /** @return every tool service, sorted by name (a name offered twice appears twice) */
    List<ToolInfo> tools();

    /** @return every dispatcher service, sorted by name */
    List<DispatcherInfo> dispatchers();

    /**
     * @return the session backends, or {@code null} when no sessions tool is installed (nothing
     *         contributes a {@link SessionStatus})
     */
    SessionInfo sessions();

    /** @return the request counters since the core started */
    RequestCounters requests();

    /**
     * The requests the apps served last, newest first: the same requests the counters count,
     * at most a fixed number of them (the core keeps 100). A request that is still being served
     * is not listed; one that finished while the list was read may be missing from it.
     *
     * @return the recent requests, newest (largest {@link RecentRequest#sequence()}) first; an
     *         implementation that keeps none returns an empty list
     * @since 1.2
     */
    default List<RecentRequest> recent() {
        return List.of();
    }

    /**
     * Which app, dispatcher, handler, config and tools would serve a path, found by routing the
     * path as a GET request would be routed, without calling any handler or tool.
     *
     * @param path the request path, e.g. {@code /tut07/}; a query string is ignored
     * @return the explanation; {@link Explanation#app()} is {@code null} when no app serves it
     */
    Explanation explain(String path);
}
