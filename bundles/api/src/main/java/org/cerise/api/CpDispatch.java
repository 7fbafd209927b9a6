package org.cerise.api;

import java.util.List;

/**
 * CherryPy's {@code _cp_dispatch(self, vpath)} hook: an app object that implements it decides,
 * per request, which object the object-tree dispatcher walks to next when a path segment names
 * none of its fields or methods.
 *
 * <pre>
 * public class Bands implements CpDispatch {
 *     &#64;Override
 *     public Object cpDispatch(List&lt;String&gt; vpath) {
 *         Cerise.request().params().put("band", List.of(vpath.remove(0)));
 *         return vpath.isEmpty() ? this : albums; // /bands/nirvana/ or /bands/nirvana/albums...
 *     }
 * }
 * </pre>
 *
 * <p>As in CherryPy: the hook is only asked when at least one segment is left; it may remove
 * segments from the front of {@code vpath} (if it removes none, the dispatcher removes one,
 * as for {@code return getattr(self, vpath[0], None)}), but never add any (that fails the
 * request); returning {@code null} means nothing answers there, so an enclosing
 * {@code default} handler may still take the path. The returned object is walked like any app
 * object; objects that are not part of the app's tree are indexed once per class.
 */
public interface CpDispatch {

    /**
     * @param vpath the path segments not yet consumed, without the implied final
     *              {@code index}; mutable
     * @return the object the walk continues on, or {@code null}
     */
    Object cpDispatch(List<String> vpath);
}
