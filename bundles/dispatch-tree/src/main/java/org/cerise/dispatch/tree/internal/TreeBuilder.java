package org.cerise.dispatch.tree.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cerise.api.ConfigException;
import org.cerise.api.Expose;
import org.cerise.api.Handler;
import org.cerise.api.dispatch.DispatchContext;

/**
 * Builds the {@link Node} index of an app's object tree once, when the app mounts.
 *
 * <p>What CherryPy finds with {@code getattr}, Cerise finds here: a node's <b>handlers</b> are
 * its methods, exposed by {@link Expose} on the method or on the class (then every public
 * method); a node's <b>children</b> are the values of its public instance fields that are app
 * objects (not {@code null}, not an array, not a JDK or platform type such as {@code String},
 * {@code Random} or {@code DataSource}). Aliases add names; two members answering the same
 * name are an error that keeps the app from mounting. A field that points back to an object
 * already on the path (a cycle) is not followed.
 */
final class TreeBuilder {

    private static final int MAX_DEPTH = 64;
    private static final List<String> PLATFORM_PACKAGES = List.of("java.", "javax.", "jakarta.", "sun.", "com.sun.",
            "jdk.", "org.osgi.", "org.slf4j.", "org.apache.felix.", "org.eclipse.jetty.", "com.fasterxml.");

    private final DispatchContext ctx;

    TreeBuilder(DispatchContext ctx) {
        this.ctx = ctx;
    }

    Node build() throws ConfigException {
        return build(ctx.root(), Collections.newSetFromMap(new IdentityHashMap<>()), 0,
                ctx.root().getClass().getName());
    }

    private Node build(Object target, Set<Object> ancestors, int depth, String where) throws ConfigException {
        if (depth > MAX_DEPTH) {
            throw new ConfigException(where + ": the object tree is deeper than " + MAX_DEPTH + " levels");
        }
        ancestors.add(target);
        Class<?> type = target.getClass();
        Map<String, Node.Member> members = new LinkedHashMap<>();
        Map<String, String> owners = new HashMap<>();
        for (Method m : handlerCandidates(type)) {
            boolean exposed = isExposed(m, type);
            Handler handler = exposed ? ctx.bind(target, m) : null;
            Node.Member member = new Node.Member(m, handler);
            List<String> names = new ArrayList<>();
            names.add(m.getName());
            Expose ann = m.getAnnotation(Expose.class);
            if (ann != null) {
                for (String alias : ann.alias()) {
                    names.add(translate(alias));
                }
            }
            for (String name : names) {
                Node.Member prior = members.get(name);
                if (prior != null) {
                    if (prior.handler == null && !exposed) {
                        continue; // unexposed overloads: invisible either way
                    }
                    throw new ConfigException(type.getName() + ": both " + owners.get(name) + " and "
                            + describe(m) + " answer the name '" + name + "'; rename one or change an alias");
                }
                members.put(name, member);
                owners.put(name, describe(m));
            }
        }
        Map<String, Node> children = new LinkedHashMap<>();
        for (Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            Object value;
            try {
                f.trySetAccessible();
                value = f.get(target);
            } catch (IllegalAccessException e) {
                continue;
            }
            if (value == null || !isAppObject(value) || ancestors.contains(value)) {
                continue;
            }
            if (members.containsKey(f.getName())) {
                throw new ConfigException(type.getName() + ": the field '" + f.getName() + "' and "
                        + owners.get(f.getName()) + " answer the same name; rename one");
            }
            children.put(f.getName(), build(value, ancestors, depth + 1, where + "." + f.getName()));
        }
        ancestors.remove(target);
        return new Node(target, Collections.unmodifiableMap(children), Collections.unmodifiableMap(members));
    }

    /** Public methods (declared by app classes, not Object) and any method carrying {@code @Expose}. */
    private static List<Method> handlerCandidates(Class<?> type) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || m.isBridge() || m.isSynthetic()) {
                    continue;
                }
                if (!Modifier.isPublic(m.getModifiers()) && !m.isAnnotationPresent(Expose.class)) {
                    continue;
                }
                String sig = m.getName() + java.util.Arrays.toString(m.getParameterTypes());
                bySignature.putIfAbsent(sig, m); // the subclass's override wins
            }
        }
        // interfaces' default methods that are exposed count too
        for (Method m : type.getMethods()) {
            if (m.isDefault() && m.isAnnotationPresent(Expose.class)) {
                bySignature.putIfAbsent(m.getName() + java.util.Arrays.toString(m.getParameterTypes()), m);
            }
        }
        return new ArrayList<>(bySignature.values());
    }

    private static boolean isExposed(Method m, Class<?> type) {
        if (m.isAnnotationPresent(Expose.class)) {
            return true;
        }
        if (!Modifier.isPublic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
            return false;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(Expose.class) && m.getDeclaringClass().isAssignableFrom(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAppObject(Object value) {
        Class<?> c = value.getClass();
        if (c.isArray() || c.isPrimitive() || c.isEnum() || value instanceof Number || value instanceof CharSequence
                || value instanceof Boolean || value instanceof Character) {
            return false;
        }
        String name = c.getName();
        for (String p : PLATFORM_PACKAGES) {
            if (name.startsWith(p)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName() + "()";
    }

    /**
     * CherryPy's default translation: every ASCII punctuation character becomes {@code _}.
     *
     * @param segment a URL segment or alias
     * @return the attribute name it reaches
     */
    static String translate(String segment) {
        char[] chars = null;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 128 && isPunctuation(c) && c != '_') {
                if (chars == null) {
                    chars = segment.toCharArray();
                }
                chars[i] = '_';
            }
        }
        return chars == null ? segment : new String(chars);
    }

    private static boolean isPunctuation(char c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }
}
