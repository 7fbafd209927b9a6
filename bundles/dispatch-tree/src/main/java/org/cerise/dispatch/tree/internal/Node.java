package org.cerise.dispatch.tree.internal;

import java.lang.reflect.Method;
import java.util.Map;

import org.cerise.api.Handler;

/**
 * One app object of the tree as the dispatcher sees it, built when the app mounts: its child
 * objects and its handler methods by (translated) attribute name.
 */
final class Node {

    final Object target;
    final Map<String, Node> children;
    final Map<String, Member> members;
    final Member defaultMember;

    Node(Object target, Map<String, Node> children, Map<String, Member> members) {
        this.target = target;
        this.children = children;
        this.members = members;
        Member d = members.get("default");
        this.defaultMember = d != null && d.handler != null ? d : null;
    }

    /**
     * A method reachable by name; {@code handler} is {@code null} when the method is not
     * exposed (CherryPy finds it with getattr but will not call it).
     */
    static final class Member {
        final Method method;
        final Handler handler;

        Member(Method method, Handler handler) {
            this.method = method;
            this.handler = handler;
        }
    }
}
