package org.cerise.dispatch.tree.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.cerise.api.ConfigException;
import org.cerise.api.CpDispatch;
import org.cerise.api.Expose;
import org.cerise.api.PopArgs;

/**
 * What the dispatcher needs to know about one app class, found by reflection once: the
 * methods that URL segments reach (with their names and aliases, and whether they are
 * exposed), the public fields that may hold child objects, the class's {@link PopArgs} or
 * {@link CpDispatch} hook, and, for the method dispatcher, its HTTP-verb methods.
 */
final class Shape {

    private static final List<String> PLATFORM_PACKAGES = List.of("java.", "javax.", "jakarta.", "sun.", "com.sun.",
            "jdk.", "org.osgi.", "org.slf4j.", "org.apache.felix.", "org.eclipse.jetty.", "com.fasterxml.");

    /** A method reachable by name. */
    static final class MemberShape {
        final Method method;
        /** Exposed by {@code @Expose} on the method or on its class: the tree dispatcher may call it. */
        final boolean exposed;
        /** {@code @Expose} on the method itself: CherryPy's {@code exposed} attribute of a function. */
        final boolean exposedItself;

        MemberShape(Method method, boolean exposed) {
            this.method = method;
            this.exposed = exposed;
            this.exposedItself = method.isAnnotationPresent(Expose.class);
        }
    }

    final Class<?> type;
    /** By name and alias, in declaration order. */
    final Map<String, MemberShape> members;
    /** Public instance fields by name, as getters {@code (Object) -> Object}. */
    final Map<String, MethodHandle> fields;
    final Field[] fieldList;
    /** The class is exposed: the method dispatcher treats its objects as resources. */
    final boolean exposedClass;
    /** The names {@code PopArgs} fills, or {@code null}. */
    final String[] popArgs;
    /** Reads {@code PopArgs}' handler object from an object of this class, or {@code null}. */
    final MethodHandle popArgsHandler;
    final boolean cpDispatch;
    /** Exposed methods named in upper case, by name: the HTTP verbs a resource answers. */
    final Map<String, MemberShape> verbs;
    /** CherryPy's {@code Allow} value for a resource of this class. */
    final String allow;

    private Shape(Class<?> type) throws ConfigException {
        this.type = type;
        this.exposedClass = isExposedClass(type);
        Map<String, MemberShape> byName = new LinkedHashMap<>();
        Map<String, MemberShape> upper = new LinkedHashMap<>();
        boolean hook = CpDispatch.class.isAssignableFrom(type);
        for (Method m : handlerCandidates(type)) {
            if (hook && m.getName().equals("cpDispatch") && Arrays.equals(m.getParameterTypes(),
                    new Class<?>[] {List.class})) {
                continue; // the hook itself is never a page
            }
            MemberShape member = new MemberShape(m, isExposed(m, type));
            List<String> names = new ArrayList<>();
            names.add(m.getName());
            Expose ann = m.getAnnotation(Expose.class);
            if (ann != null) {
                for (String alias : ann.alias()) {
                    names.add(translate(alias));
                }
            }
            for (String name : names) {
                MemberShape prior = byName.get(name);
                if (prior != null) {
                    if (!prior.exposed && !member.exposed) {
                        continue; // unexposed overloads: invisible either way
                    }
                    throw new ConfigException(type.getName() + ": both " + describe(prior.method) + " and "
                            + describe(m) + " answer the name '" + name + "'; rename one or change an alias");
                }
                byName.put(name, member);
            }
            if (member.exposed && isUpperCase(m.getName())) {
                upper.put(m.getName(), member);
            }
        }
        this.members = Collections.unmodifiableMap(byName);
        this.verbs = Collections.unmodifiableMap(upper);
        TreeSet<String> allowed = new TreeSet<>(upper.keySet());
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        this.allow = String.join(", ", allowed);

        Map<String, MethodHandle> getters = new LinkedHashMap<>();
        List<Field> fieldList = new ArrayList<>();
        for (Field f : type.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                f.trySetAccessible();
                getters.put(f.getName(), MethodHandles.lookup().unreflectGetter(f)
                        .asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class)));
                fieldList.add(f);
            } catch (IllegalAccessException | RuntimeException e) {
                // a field the dispatcher cannot read is no child, as CherryPy cannot getattr it
            }
        }
        this.fields = Collections.unmodifiableMap(getters);
        this.fieldList = fieldList.toArray(new Field[0]);

        PopArgs pop = type.getAnnotation(PopArgs.class);
        if (pop != null && hook) {
            throw new ConfigException(type.getName() + ": has both @PopArgs and CpDispatch; keep one");
        }
        this.cpDispatch = hook;
        this.popArgs = pop == null ? null : pop.value().clone();
        this.popArgsHandler = pop == null || pop.handler().isEmpty() ? null : handlerField(type, pop.handler());
    }

    /**
     * @param type an app class
     * @return its shape
     * @throws ConfigException if two members answer one name or a {@code PopArgs} handler is wrong
     */
    static Shape of(Class<?> type) throws ConfigException {
        return new Shape(type);
    }

    /** @param target an object of this class @return the popargs handler object it holds */
    Object popArgsHandlerOf(Object target) {
        try {
            return (Object) popArgsHandler.invokeExact(target);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MethodHandle handlerField(Class<?> type, String name) throws ConfigException {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                if (Modifier.isStatic(f.getModifiers())) {
                    throw new ConfigException(type.getName() + ": @PopArgs(handler = \"" + name
                            + "\") names a static field; use an instance field");
                }
                f.setAccessible(true);
                return MethodHandles.lookup().unreflectGetter(f)
                        .asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class));
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException | RuntimeException e) {
                throw new ConfigException(type.getName() + ": @PopArgs(handler = \"" + name + "\"): cannot read the "
                        + "field: " + e.getMessage(), e);
            }
        }
        throw new ConfigException(type.getName() + ": @PopArgs(handler = \"" + name + "\") names no field of the class");
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
                bySignature.putIfAbsent(m.getName() + Arrays.toString(m.getParameterTypes()), m); // overrides win
            }
        }
        // interfaces' default methods that are exposed count too
        for (Method m : type.getMethods()) {
            if (m.isDefault() && m.isAnnotationPresent(Expose.class)) {
                bySignature.putIfAbsent(m.getName() + Arrays.toString(m.getParameterTypes()), m);
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

    private static boolean isExposedClass(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(Expose.class)) {
                return true;
            }
        }
        return false;
    }

    /** Python's {@code str.isupper()}: some cased letter, none in lower case. */
    static boolean isUpperCase(String name) {
        boolean cased = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            cased |= Character.isUpperCase(c);
        }
        return cased;
    }

    /**
     * @param value a field's value or an object a hook returned
     * @return whether the dispatcher walks into it: not {@code null}, not an array or value, not a
     *         JDK or platform type such as {@code String}, {@code Random} or {@code DataSource}
     */
    static boolean isAppObject(Object value) {
        if (value == null) {
            return false;
        }
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

    static String describe(Method m) {
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
