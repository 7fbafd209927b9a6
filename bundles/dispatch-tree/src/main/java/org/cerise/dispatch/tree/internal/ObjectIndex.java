package org.cerise.dispatch.tree.internal;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.cerise.api.ConfigException;
import org.cerise.api.Handler;
import org.cerise.api.dispatch.DispatchContext;

/**
 * The {@link Node}s of one app: its object tree indexed when it mounts, and the shapes and
 * late bindings of classes met at request time through {@code CpDispatch} hooks.
 */
public final class ObjectIndex {

    private static final int MAX_DEPTH = 64;

    private final DispatchContext ctx;
    private final Node root;
    /** The mounted tree's objects; filled while building, only read afterwards. */
    private final Map<Object, Node> indexed = new IdentityHashMap<>();
    private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();
    private final Map<Method, Function<Object, Handler>> late = new ConcurrentHashMap<>();

    /**
     * Indexes an app's object tree.
     *
     * <p>What counts: methods exposed with {@code @Expose} (on the method, or on the class for
     * all its public methods), and public instance fields holding app objects (not JDK or
     * platform types, not arrays, not {@code null}; a field pointing back up the tree is not
     * followed). Two members answering the same name keep the app from mounting.
     *
     * @param ctx the app
     * @throws ConfigException if an object of the tree is wrong; the message names class and member
     */
    public ObjectIndex(DispatchContext ctx) throws ConfigException {
        this.ctx = ctx;
        Object app = ctx.root();
        this.root = build(app, Collections.newSetFromMap(new IdentityHashMap<>()), 0, app.getClass().getName());
    }

    /** @return the root object's node */
    public Node root() {
        return root;
    }

    private Node build(Object target, Set<Object> ancestors, int depth, String where) throws ConfigException {
        if (depth > MAX_DEPTH) {
            throw new ConfigException(where + ": the object tree is deeper than " + MAX_DEPTH + " levels");
        }
        ancestors.add(target);
        Shape shape = shape(target.getClass());
        Map<String, Node.Member> members = new LinkedHashMap<>();
        Map<Method, Node.Member> bound = new IdentityHashMap<>();
        for (Map.Entry<String, Shape.MemberShape> e : shape.members.entrySet()) {
            Shape.MemberShape m = e.getValue();
            Node.Member member = bound.get(m.method);
            if (member == null) {
                member = new Node.Member(m, m.exposed ? ctx.bind(target, m.method) : null);
                bound.put(m.method, member);
            }
            members.put(e.getKey(), member);
        }
        Map<String, Node> children = new LinkedHashMap<>();
        for (java.lang.reflect.Field f : shape.fieldList) {
            Object value;
            try {
                value = f.get(target);
            } catch (IllegalAccessException e) {
                continue;
            }
            if (!Shape.isAppObject(value) || ancestors.contains(value)) {
                continue;
            }
            if (members.containsKey(f.getName())) {
                throw new ConfigException(shape.type.getName() + ": the field '" + f.getName() + "' and "
                        + Shape.describe(members.get(f.getName()).shape.method) + " answer the same name; rename one");
            }
            children.put(f.getName(), build(value, ancestors, depth + 1, where + "." + f.getName()));
        }
        Object popHandler = null;
        if (shape.popArgsHandler != null) {
            popHandler = shape.popArgsHandlerOf(target);
            if (!Shape.isAppObject(popHandler)) {
                throw new ConfigException(where + ": the @PopArgs handler field holds no app object (" + popHandler
                        + ")");
            }
            if (!ancestors.contains(popHandler) && !indexed.containsKey(popHandler)) {
                build(popHandler, ancestors, depth + 1, where + " (popargs handler)");
            }
        }
        ancestors.remove(target);
        Node node = new Node(target, shape, this, Collections.unmodifiableMap(children),
                Collections.unmodifiableMap(members), popHandler);
        indexed.putIfAbsent(target, node);
        return node;
    }

    /**
     * @param value an object a field or hook gave
     * @return its node: the mounted tree's, or one made for this request; {@code null} for
     *         nothing or a value that is no app object
     */
    Node nodeFor(Object value) {
        if (!Shape.isAppObject(value)) {
            return null;
        }
        Node known = indexed.get(value);
        if (known != null) {
            return known;
        }
        try {
            return new Node(value, shape(value.getClass()), this, null, null, null);
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    Shape shape(Class<?> type) throws ConfigException {
        Shape known = shapes.get(type);
        if (known == null) {
            known = Shape.of(type);
            Shape raced = shapes.putIfAbsent(type, known);
            known = raced != null ? raced : known;
        }
        return known;
    }

    Function<Object, Handler> lateBinding(Method method) {
        Function<Object, Handler> known = late.get(method);
        if (known == null) {
            try {
                known = ctx.bindLate(method);
            } catch (ConfigException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            late.putIfAbsent(method, known);
        }
        return known;
    }
}
