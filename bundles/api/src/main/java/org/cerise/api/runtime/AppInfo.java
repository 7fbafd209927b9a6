package org.cerise.api.runtime;

import java.util.List;

/**
 * One app service as the core sees it.
 *
 * @param name          the app's name ({@code cerise.app.name}, or its mount point without the slash)
 * @param mount         its mount point ({@code /} for the root; the raw property if it is not a valid one)
 * @param bundle        the symbolic name of the bundle that registered it
 * @param bundleVersion that bundle's version
 * @param state         {@code MOUNTED}, {@code WAITING} (for a tool, dispatcher, namespace or mount point)
 *                      or {@code FAILED} (its config or structure is wrong), or {@code UNMOUNTED}
 *                      (an admin took it out of service: {@link AppControl#unmount})
 * @param reason        the sentence that says why it is not mounted; {@code null} when mounted
 * @param dispatchers   the dispatchers its config uses, the root's first; empty unless mounted
 * @param tools         the tools turned on anywhere in its config, sorted; empty unless mounted
 * @param requests      the requests it has served since the core started
 */
public record AppInfo(String name, String mount, String bundle, String bundleVersion, String state, String reason,
        List<String> dispatchers, List<String> tools, long requests) {

    /** Copies the lists. */
    public AppInfo {
        dispatchers = List.copyOf(dispatchers);
        tools = List.copyOf(tools);
    }
}
