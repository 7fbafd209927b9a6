package org.cerise.dispatch.tree.internal;

import java.util.ArrayList;
import java.util.List;

import org.cerise.api.Handler;
import org.cerise.api.Request;
import org.cerise.api.dispatch.ConfigTrail;
import org.cerise.api.dispatch.Route;
import org.cerise.api.dispatch.Router;

/**
 * CherryPy's {@code Dispatcher.find_handler} over a prepared {@link Node} index.
 *
 * <p>The path's segments, plus a final {@code index}, are walked from the root: each segment
 * (with punctuation translated to {@code _}) names a child object or a method of the current
 * node, or nothing. Then the walked trail is searched from the deepest item back: on each
 * object, an exposed {@code default} handler wins first (the segments after it become its
 * positional arguments); an exposed method found by name answers next, as an index handler if
 * it was reached by the final {@code index}. Whatever answers, the config is the whole walked
 * trail's, so sections beyond the handler still apply, as in CherryPy.
 */
final class TreeRouter implements Router {

    private static final String INDEX = "index";

    private final Node root;
    private final ConfigTrail rootTrail;
    private final Handler notFound;

    TreeRouter(Node root, ConfigTrail rootTrail, Handler notFound) {
        this.root = root;
        this.rootTrail = rootTrail;
        this.notFound = notFound;
    }

    @Override
    public Route route(String pathInfo, Request request) {
        List<String> segments = split(pathInfo);
        segments.add(INDEX);
        int length = segments.size();

        // The walk: item k is what segment k-1 reached; item 0 is the root.
        Object[] reached = new Object[length + 1]; // Node, Node.Member or null
        ConfigTrail[] trails = new ConfigTrail[length + 1];
        reached[0] = root;
        trails[0] = rootTrail;
        Object current = root;
        for (int k = 0; k < length; k++) {
            String segment = segments.get(k);
            Object next = null;
            if (current instanceof Node) {
                Node node = (Node) current;
                String name = TreeBuilder.translate(segment);
                Node child = node.children.get(name);
                next = child != null ? child : node.members.get(name);
            }
            Object configNode = next instanceof Node ? ((Node) next).target
                    : next instanceof Node.Member ? ((Node.Member) next).method : null;
            trails[k + 1] = trails[k].step(segment, configNode);
            reached[k + 1] = next;
            current = next;
        }

        for (int i = length; i >= 0; i--) {
            Object candidate = reached[i];
            if (candidate instanceof Node) {
                Node.Member def = ((Node) candidate).defaultMember;
                if (def != null) {
                    // The default handler's own config comes right after its node's, then the rest of the walk.
                    ConfigTrail t = trails[i].member(def.method);
                    for (int j = i + 1; j <= length; j++) {
                        t = t.step(segments.get(j - 1), configObject(reached[j]));
                    }
                    return new Route(t, def.handler, vpath(segments, i), pathInfo.endsWith("/"));
                }
            } else if (candidate instanceof Node.Member && ((Node.Member) candidate).handler != null) {
                return new Route(trails[length], ((Node.Member) candidate).handler, vpath(segments, i),
                        i == length);
            }
        }
        return new Route(trails[length], notFound, List.of(), null);
    }

    private static Object configObject(Object reached) {
        return reached instanceof Node ? ((Node) reached).target
                : reached instanceof Node.Member ? ((Node.Member) reached).method : null;
    }

    /** The segments after item i, without the final {@code index}, with {@code %2F} decoded. */
    private static List<String> vpath(List<String> segments, int i) {
        int end = segments.size() - 1;
        if (i >= end) {
            return List.of();
        }
        List<String> out = new ArrayList<>(end - i);
        for (int k = i; k < end; k++) {
            String s = segments.get(k);
            out.add(s.indexOf('%') >= 0 ? s.replace("%2F", "/") : s);
        }
        return out;
    }

    /** {@code path.strip('/').split('/')} without the empty segments. */
    static List<String> split(String path) {
        List<String> out = new ArrayList<>(8);
        int start = 0;
        int n = path.length();
        while (start < n) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            if (end > start) {
                out.add(path.substring(start, end));
            }
            start = end + 1;
        }
        return out;
    }
}
