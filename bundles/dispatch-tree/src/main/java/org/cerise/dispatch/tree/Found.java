package org.cerise.dispatch.tree;

import java.util.List;

import org.cerise.api.Handler;
import org.cerise.api.dispatch.ConfigTrail;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What {@link ObjectTree#find} found for a path: the config trail of the walk, the leftover
 * segments, CherryPy's {@code is_index}, and the handler or resource that answers.
 */
@ProviderType
public interface Found {

    /** @return the merged config trail of the request */
    ConfigTrail trail();

    /** @return the leftover segments, {@code %2F} decoded: the handler's positional arguments */
    List<String> vpath();

    /**
     * @return {@code TRUE} when an index handler (or a resource reached through the final
     *         {@code index}) answers, {@code FALSE} for another, {@code null} when nothing does
     */
    Boolean isIndex();

    /** @return whether anything answers the path */
    default boolean found() {
        return isIndex() != null;
    }

    /**
     * @return in {@link ObjectTree.Answer#HANDLERS} mode the handler found; otherwise {@code null}
     */
    Handler handler();

    /**
     * @return in {@link ObjectTree.Answer#RESOURCES} mode the resource found: an app object, or
     *         the {@code java.lang.reflect.Method} of an exposed method or default handler that
     *         the walk reached instead; otherwise {@code null}
     */
    Object resource();

    /**
     * @return CherryPy's {@code Allow} value for the resource: its verb methods, with
     *         {@code HEAD} when it has {@code GET}, sorted and comma-separated; {@code ""} when
     *         the resource is a method (which has no verbs)
     */
    String allow();

    /**
     * @param httpMethod a verb in upper case
     * @return the resource's exposed method of exactly that name, bound to it, or {@code null}
     */
    Verb verb(String httpMethod);
}
