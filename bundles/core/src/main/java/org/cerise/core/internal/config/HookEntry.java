package org.cerise.core.internal.config;

import org.cerise.api.tool.Hook;
import org.cerise.api.tool.HookPoint;

/**
 * A hook registered at a point with its priority; sorted by priority, ties in registration
 * order (CherryPy sorts hooks stably by priority).
 *
 * @param point    the hook point
 * @param priority lower runs first
 * @param failsafe runs even after an earlier hook of the point failed
 * @param hook     the callback
 * @param owner    the tool (or other source) that registered it, for log messages
 * @param sequence registration order
 */
public record HookEntry(HookPoint point, int priority, boolean failsafe, Hook hook, String owner, long sequence)
        implements Comparable<HookEntry> {

    @Override
    public int compareTo(HookEntry o) {
        int c = Integer.compare(priority, o.priority);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
}
