package org.cerise.dispatch.tree;

import java.util.List;

import org.cerise.api.ConfigException;
import org.cerise.api.Request;
import org.cerise.api.dispatch.DispatchContext;
import org.cerise.api.dispatch.Router;
import org.cerise.dispatch.tree.internal.TreeWalker;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An app's object tree, indexed when the app mounts, walked per request as CherryPy's
 * {@code Dispatcher.find_handler} walks it: the path's segments plus a final {@code index},
 * each segment (ASCII punctuation translated to {@code _}) naming a child object or a method,
 * a {@link org.cerise.api.PopArgs PopArgs} or {@link org.cerise.api.CpDispatch CpDispatch}
 * hook choosing the next object when a segment names nothing; then the trail searched from its
 * deepest item back for what answers.
 */
@ProviderType
public interface ObjectTree {

    /** What answers a path. */
    enum Answer {
        /**
         * The object-tree dispatcher: an exposed {@code default} handler of an object on the
         * trail, or an exposed method found by name.
         */
        HANDLERS,
        /**
         * The method dispatcher: an exposed <em>object</em> (its class carries
         * {@code @Expose}) is the resource, whose verb methods answer; a method carrying
         * {@code @Expose} itself, or such a {@code default} handler, is a resource with no verbs.
         */
        RESOURCES
    }

    /**
     * Indexes an app's objects: exposed methods, public fields holding app objects, hooks.
     *
     * @param app the app being mounted
     * @return its tree
     * @throws ConfigException if the app's objects are wrong (two members answering one name, a
     *                         bad {@code PopArgs} handler, an unbindable handler); the message
     *                         names the class and member
     */
    static ObjectTree of(DispatchContext app) throws ConfigException {
        return new TreeWalker(app);
    }

    /**
     * Walks a path.
     *
     * @param pathInfo the path below the mount point
     * @param request  the request (hooks add popped arguments to its params), or {@code null}
     *                 when routing ahead at mount time, which never calls hooks
     * @param answer   what may answer
     * @return what was found; never {@code null}
     */
    Found find(String pathInfo, Request request, Answer answer);

    /**
     * @return the paths of every object and member of the mounted tree ({@code /a/},
     *         {@code /a/page}, ...): routing each once at mount time compiles their config, so
     *         that a wrong value shows then rather than at the first request
     */
    List<String> paths();

    /**
     * Routes every object and member path and every config section of the app once, so that
     * the core compiles their config scopes (annotations, sections, the tools they turn on)
     * while the app mounts: a wrong value or a missing tool keeps the app from mounting instead
     * of failing its first request there.
     *
     * @param router the app's router built on this tree
     * @param app    the app
     */
    default void routeAhead(Router router, DispatchContext app) {
        for (String path : paths()) {
            router.route(path, null);
        }
        for (String section : app.sections().keySet()) {
            router.route(section, null);
            router.route(section.endsWith("/") ? section : section + "/", null);
        }
    }
}
