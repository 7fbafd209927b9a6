package org.cerise.api.runtime;

import java.util.List;
import java.util.Map;

/**
 * What would serve a path.
 *
 * @param path       the path asked about
 * @param app        the app's name, or {@code null} when no app serves the path
 * @param mount      the app's mount point, or {@code null}
 * @param state      {@code MOUNTED}, or the state of the app that owns the path but is not serving
 *                   ({@code WAITING}, {@code FAILED}), or {@code null} when no app owns it
 * @param dispatcher the dispatcher that routes the path, or {@code null}
 * @param handler    the handler found (for an app method {@code Class.method}); {@code null} if none
 * @param vpath      the leftover segments passed to the handler as arguments
 * @param config     the merged config in force for the path, values as text, keys sorted
 * @param tools      the tools turned on for the path, sorted
 * @param note       a human sentence: why nothing serves it, or what the route means
 */
public record Explanation(String path, String app, String mount, String state, String dispatcher, String handler,
        List<String> vpath, Map<String, String> config, List<String> tools, String note) {

    /** Copies the collections. */
    public Explanation {
        vpath = List.copyOf(vpath);
        config = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(config));
        tools = List.copyOf(tools);
    }
}
