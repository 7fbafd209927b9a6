package org.cerise.dispatch.tree.internal;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cerise.api.CpDispatch;
import org.cerise.api.Handler;
import org.cerise.api.Request;
import org.cerise.dispatch.tree.Verb;

/**
 * One app object as the dispatcher walks it. The objects of the app's tree are indexed when
 * the app mounts (children found, handlers bound); an object that a {@link CpDispatch} hook
 * returns at request time is walked through its class's {@link Shape}, its handlers bound per
 * request from a plan made once per class.
 */
final class Node {

    final Object target;
    final Shape shape;
    private final ObjectIndex index;
    /** Mount-time children and members; {@code null} for an object met only at request time. */
    private final Map<String, Node> children;
    private final Map<String, Member> members;
    private final Object popArgsHandler;

    Node(Object target, Shape shape, ObjectIndex index, Map<String, Node> children, Map<String, Member> members,
            Object popArgsHandler) {
        this.target = target;
        this.shape = shape;
        this.index = index;
        this.children = children;
        this.members = members;
        this.popArgsHandler = popArgsHandler;
    }

    boolean isIndexed() {
        return children != null;
    }

    Map<String, Node> children() {
        return children;
    }

    Map<String, Member> members() {
        return members;
    }

    /**
     * CherryPy's {@code getattr(node, name, None)} for an attribute name.
     *
     * @return a {@link Node}, a {@link Member} or {@code null}
     */
    Object step(String name) {
        if (children != null) {
            Node child = children.get(name);
            return child != null ? child : members.get(name);
        }
        MethodHandle getter = shape.fields.get(name);
        if (getter != null) {
            Node child = index.nodeFor(read(getter));
            if (child != null) {
                return child;
            }
        }
        return member(name);
    }

    /** @return the member of that name, bound to this object, or {@code null} */
    Member member(String name) {
        if (members != null) {
            return members.get(name);
        }
        Shape.MemberShape m = shape.members.get(name);
        return m == null ? null : new Member(m, m.exposed ? index.lateBinding(m.method).apply(target) : null);
    }

    /** @return the exposed {@code default} handler, or {@code null} */
    Member defaultMember() {
        Member d = member("default");
        return d != null && d.handler != null ? d : null;
    }

    /**
     * @param name an HTTP verb
     * @return this resource's exposed method of exactly that name, bound to it, or {@code null}
     */
    Verb verb(String name) {
        Shape.MemberShape m = shape.verbs.get(name);
        if (m == null) {
            return null;
        }
        Member bound = member(name);
        Handler h = bound != null && bound.shape == m ? bound.handler : index.lateBinding(m.method).apply(target);
        return new Verb(m.method, h);
    }

    /** @return whether a {@code PopArgs} or {@code CpDispatch} hook may pick the next object */
    boolean hasHook() {
        return shape.cpDispatch || shape.popArgs != null;
    }

    /**
     * The hook: CherryPy's {@code node._cp_dispatch(vpath)}.
     *
     * @param vpath   the segments left, without the final {@code index}; the hook removes what it uses
     * @param request the request whose params popped arguments go to ({@code null} when
     *                routing ahead at mount time)
     * @return a {@link Node}, a {@link Member} or {@code null}
     */
    Object next(List<String> vpath, Request request) {
        if (shape.cpDispatch) {
            return index.nodeFor(((CpDispatch) target).cpDispatch(vpath));
        }
        for (String name : shape.popArgs) {
            if (vpath.isEmpty()) {
                break;
            }
            String value = vpath.remove(0);
            if (request != null) {
                List<String> values = new ArrayList<>(1);
                values.add(value);
                request.params().put(name, values);
            }
        }
        if (shape.popArgsHandler != null) {
            return index.nodeFor(children != null ? popArgsHandler : shape.popArgsHandlerOf(target));
        }
        // popargs on the final object: the next segment is looked up as it is, untranslated
        return vpath.isEmpty() ? this : step(vpath.remove(0));
    }

    private Object read(MethodHandle getter) {
        try {
            return (Object) getter.invokeExact(target);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * A method reachable by name; {@code handler} is {@code null} when the method is not
     * exposed (CherryPy finds it with getattr but will not call it).
     */
    static final class Member {
        final Shape.MemberShape shape;
        final Handler handler;

        Member(Shape.MemberShape shape, Handler handler) {
            this.shape = shape;
            this.handler = handler;
        }
    }
}
