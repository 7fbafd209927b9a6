package org.cerise.dispatch.tree.internal;

import java.util.ArrayList;
import java.util.List;

import org.cerise.api.ConfigException;
import org.cerise.api.Handler;
import org.cerise.api.Request;
import org.cerise.api.dispatch.ConfigTrail;
import org.cerise.api.dispatch.DispatchContext;
import org.cerise.dispatch.tree.Found;
import org.cerise.dispatch.tree.ObjectTree;
import org.cerise.dispatch.tree.Verb;

/**
 * CherryPy's {@code Dispatcher.find_handler} over an {@link ObjectIndex}.
 *
 * <p>The walk keeps, for each object reached, how many segments were left after it
 * ({@code segleft}): a hook may consume several segments in one step. Each step's config is the
 * reached object's own, then the app's sections for every segment it consumed. The trail is
 * then searched from its deepest item back: on each object an exposed {@code default} handler
 * wins first (its own config inserted right after its object's, the rest of the walk after
 * it); then what the {@link ObjectTree.Answer} accepts. Whatever answers, the config is the
 * whole walked trail's, so sections beyond the handler still apply, as in CherryPy.
 */
public final class TreeWalker implements ObjectTree {

    private static final String INDEX = "index";

    private final ObjectIndex objects;
    private final ConfigTrail rootTrail;

    /**
     * @param app the app being mounted
     * @throws ConfigException if its object tree is wrong
     */
    public TreeWalker(DispatchContext app) throws ConfigException {
        this.objects = new ObjectIndex(app);
        this.rootTrail = app.rootTrail();
    }

    @Override
    public Found find(String pathInfo, Request request, Answer answer) {
        List<String> fullpath = split(pathInfo);
        fullpath.add(INDEX);
        int fullLength = fullpath.size();
        List<String> names = new ArrayList<>(fullpath);

        // object_trail: what each step reached, its trail, and the segments left after it
        Object[] reached = new Object[fullLength + 1]; // Node, Node.Member or null
        ConfigTrail[] trails = new ConfigTrail[fullLength + 1];
        int[] segleft = new int[fullLength + 1];
        reached[0] = objects.root();
        trails[0] = rootTrail;
        segleft[0] = fullLength;
        int steps = 1;
        Object node = objects.root();
        ConfigTrail trail = rootTrail;
        while (!names.isEmpty()) {
            String name = names.get(0);
            int before = names.size();
            Node current = node instanceof Node ? (Node) node : null;
            Object next = current == null ? null : current.step(Shape.translate(name));
            if (next == null && current != null && current.hasHook() && before > 1 && request != null) {
                String index = names.remove(before - 1); // the hook never sees the implied index
                next = current.next(names, request);
                names.add(index);
            } else {
                names.remove(0);
            }
            int left = names.size();
            if (left > before) {
                throw new IllegalStateException("A vpath segment was added. Custom dispatchers may only remove "
                        + "elements. While trying to process " + name + " in " + fullpath);
            }
            if (left == before) {
                // the hook used the segment without removing it, as getattr(self, vpath[0]) does
                names.remove(0);
                left--;
            }
            node = next;
            trail = stepOver(trail, fullpath, fullLength - before, fullLength - left, next);
            reached[steps] = next;
            trails[steps] = trail;
            segleft[steps] = left;
            steps++;
        }

        int last = steps - 1;
        for (int i = last; i >= 0; i--) {
            Object candidate = reached[i];
            if (candidate instanceof Node) {
                Node n = (Node) candidate;
                Node.Member def = n.defaultMember();
                if (def != null && (answer == Answer.HANDLERS || def.shape.exposedItself)) {
                    ConfigTrail t = trails[i].member(def.shape.method);
                    for (int j = i + 1; j <= last; j++) {
                        t = stepOver(t, fullpath, fullLength - segleft[j - 1], fullLength - segleft[j], reached[j]);
                    }
                    Boolean isIndex = pathInfo.endsWith("/");
                    return answer == Answer.HANDLERS
                            ? new Result(t, vpath(fullpath, segleft[i]), isIndex, def.handler, null)
                            : new Result(t, vpath(fullpath, segleft[i]), isIndex, null, def);
                }
                if (answer == Answer.RESOURCES && n.shape.exposedClass) {
                    return new Result(trails[last], vpath(fullpath, segleft[i]), i == last, null, n);
                }
            } else if (candidate instanceof Node.Member) {
                Node.Member m = (Node.Member) candidate;
                if (answer == Answer.HANDLERS && m.handler != null) {
                    return new Result(trails[last], vpath(fullpath, segleft[i]), i == last, m.handler, null);
                }
                if (answer == Answer.RESOURCES && m.shape.exposedItself) {
                    return new Result(trails[last], vpath(fullpath, segleft[i]), i == last, null, m);
                }
            }
        }
        return new Result(trails[last], List.of(), null, null, null);
    }

    /** The trail after one step: the reached object's config, then the sections of the segments it consumed. */
    private static ConfigTrail stepOver(ConfigTrail trail, List<String> fullpath, int from, int to, Object reached) {
        Object configNode = reached instanceof Node ? ((Node) reached).target
                : reached instanceof Node.Member ? ((Node.Member) reached).shape.method : null;
        ConfigTrail t = trail;
        for (int k = from; k < to; k++) {
            t = t.step(fullpath.get(k), k == from ? configNode : null);
        }
        return t;
    }

    /** {@code fullpath[len - segleft:-1]}, with {@code %2F} decoded. */
    private static List<String> vpath(List<String> fullpath, int segleft) {
        int end = fullpath.size() - 1;
        int start = fullpath.size() - segleft;
        if (start >= end) {
            return List.of();
        }
        List<String> out = new ArrayList<>(end - start);
        for (int k = start; k < end; k++) {
            String s = fullpath.get(k);
            out.add(s.indexOf('%') >= 0 ? s.replace("%2F", "/") : s);
        }
        return out;
    }

    @Override
    public List<String> paths() {
        List<String> out = new ArrayList<>();
        paths(objects.root(), "", out, new java.util.IdentityHashMap<>());
        return out;
    }

    private static void paths(Node node, String path, List<String> out, java.util.Map<Node, Boolean> seen) {
        if (seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        out.add(path + "/");
        for (String member : node.members().keySet()) {
            out.add(path + "/" + member);
        }
        node.children().forEach((name, child) -> paths(child, path + "/" + name, out, seen));
        seen.remove(node);
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

    /** What a walk found. */
    private static final class Result implements Found {
        private final ConfigTrail trail;
        private final List<String> vpath;
        private final Boolean isIndex;
        private final Handler handler;
        private final Object resource; // Node or Node.Member

        Result(ConfigTrail trail, List<String> vpath, Boolean isIndex, Handler handler, Object resource) {
            this.trail = trail;
            this.vpath = vpath;
            this.isIndex = isIndex;
            this.handler = handler;
            this.resource = resource;
        }

        @Override
        public ConfigTrail trail() {
            return trail;
        }

        @Override
        public List<String> vpath() {
            return vpath;
        }

        @Override
        public Boolean isIndex() {
            return isIndex;
        }

        @Override
        public Handler handler() {
            return handler;
        }

        @Override
        public Object resource() {
            return resource instanceof Node ? ((Node) resource).target
                    : resource instanceof Node.Member ? ((Node.Member) resource).shape.method : null;
        }

        @Override
        public String allow() {
            return resource instanceof Node ? ((Node) resource).shape.allow : "";
        }

        @Override
        public Verb verb(String httpMethod) {
            return resource instanceof Node ? ((Node) resource).verb(httpMethod) : null;
        }
    }
}
