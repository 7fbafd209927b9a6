package org.cerise.core.internal.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cerise.api.ConfigException;
import org.cerise.api.tool.HookPoint;

/**
 * Everything the pipeline needs for requests governed by one merged config, computed when the
 * app mounts: the config itself, the hooks of the tools it turns on (sorted per point) and the
 * {@code request.*}, {@code response.*} and {@code error_page.*} settings read into fields.
 */
public final class Scope {

    private static final HookEntry[] NO_HOOKS = new HookEntry[0];

    /** The merged config, read-only. */
    public final Map<String, Object> config;
    /** Where each key of {@link #config} was set (file, line, section), for messages. */
    public final Map<String, String> origins;
    /** Hooks per {@link HookPoint#ordinal()}, each sorted. */
    public final HookEntry[][] hooks;
    /** {@code request.show_tracebacks} */
    public final boolean showTracebacks;
    /** {@code error_page.*}: status code (as text) or {@code default} to a template location. */
    public final Map<String, String> errorPages;
    /** {@code response.headers.*} as name/value pairs. */
    public final List<String[]> responseHeaders;
    /** {@code response.stream} */
    public final boolean stream;
    /** {@code request.methods_with_bodies} */
    public final Set<String> methodsWithBodies;
    /** {@code request.process_request_body} */
    public final boolean processRequestBody;
    /** {@code request.body.maxbytes}, or {@code server.max_request_body_size}; 0 for no limit. */
    public final long maxBodyBytes;
    /** The tools turned on, by name. */
    public final Set<String> tools;
    /** Keys in a namespace that neither Cerise nor a registered namespace service reads. */
    public final Set<String> unhandledKeys;
    /** Why this scope cannot serve (a bad key or a missing tool), or {@code null}. */
    public final ConfigException failure;

    Scope(Map<String, Object> config, Map<String, String> origins, HookEntry[][] hooks, boolean showTracebacks, Map<String, String> errorPages,
            List<String[]> responseHeaders, boolean stream, Set<String> methodsWithBodies,
            boolean processRequestBody, long maxBodyBytes, Set<String> tools, Set<String> unhandledKeys,
            ConfigException failure) {
        this.config = config;
        this.origins = origins;
        this.hooks = hooks;
        this.showTracebacks = showTracebacks;
        this.errorPages = errorPages;
        this.responseHeaders = responseHeaders;
        this.stream = stream;
        this.methodsWithBodies = methodsWithBodies;
        this.processRequestBody = processRequestBody;
        this.maxBodyBytes = maxBodyBytes;
        this.tools = tools;
        this.unhandledKeys = unhandledKeys;
        this.failure = failure;
    }

    static Scope failed(Map<String, Object> config, Map<String, String> origins, ConfigException failure) {
        HookEntry[][] none = new HookEntry[HookPoint.values().length][];
        java.util.Arrays.fill(none, NO_HOOKS);
        return new Scope(config, origins, none, true, Map.of(), List.of(), false, Set.of("POST", "PUT", "PATCH"), true,
                0, Set.of(), Set.of(), failure);
    }

    /** @param point a hook point @return its hooks, sorted */
    public HookEntry[] hooks(HookPoint point) {
        return hooks[point.ordinal()];
    }
}
