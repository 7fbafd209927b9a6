package org.cerise.api.dispatch;

import java.lang.reflect.AnnotatedElement;
import java.util.Map;

/**
 * The config in force at one point of a dispatch walk: CherryPy's {@code object_trail},
 * collapsed. Start from {@link DispatchContext#rootTrail()} and follow the walk with
 * {@link #step}; the merged config then holds, in CherryPy's order, the global config, and for
 * every node of the walk the node's own {@code @Config} annotations followed by the app's
 * config section for the path reached ({@code [/a/b]}), deepest last.
 *
 * <p>Trails are immutable and interned: the same walk always yields the same object, and a
 * step onto nothing that reaches no config section returns the trail itself. Build them while
 * preparing; calling {@link #step} per request is allowed (the trails beyond the app's objects
 * are looked up, not built) but costs a string concatenation and a map lookup per segment.
 */
public interface ConfigTrail {

    /** @return the path this trail has reached, {@code ""} for the root */
    String path();

    /**
     * The trail one segment further.
     *
     * @param segment the URL segment consumed, as it appeared in the path (not translated)
     * @param node    the object found for it, or {@code null} if nothing was found (its config
     *                section, if the app has one, still applies)
     * @return the longer trail
     */
    ConfigTrail step(String segment, Object node);

    /**
     * The trail with the config of a member (a handler method's {@code @Config}) added without
     * consuming a segment, as CherryPy merges a handler's {@code _cp_config} last.
     *
     * @param member the handler method or other annotated member
     * @return the trail including the member's config
     */
    ConfigTrail member(AnnotatedElement member);

    /** @return the merged config, read-only */
    Map<String, Object> config();
}
