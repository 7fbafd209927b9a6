package org.cerise.core.internal.binding;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Function;

import org.cerise.api.ConfigException;
import org.cerise.api.Handler;
import org.cerise.api.Param;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.api.Session;

/**
 * Turns an app method into a {@link Handler} whose argument binding is decided once, when the
 * app mounts: which parameters are injected ({@code Request}, {@code Response},
 * {@code Session}), which take positional path segments and named request parameters (in
 * declaration order, as Python binds {@code *vpath, **params}), which collects surplus
 * segments (a varargs parameter, Python's {@code *args}) and which collects surplus
 * parameters (a {@code Map}, Python's {@code **kwargs}).
 */
public final class MethodBinder {

    private MethodBinder() {
    }

    /**
     * Binds a method.
     *
     * @param target the object to call it on
     * @param method the method
     * @return the handler
     * @throws ConfigException if a parameter cannot be bound; the message names the method
     */
    public static Handler bind(Object target, Method method) throws ConfigException {
        return plan(method).on(target);
    }

    /**
     * Binds a method for objects that are only known per request.
     *
     * @param method the method
     * @return makes the handler for one object of the method's class, cheaply
     * @throws ConfigException if a parameter cannot be bound; the message names the method
     */
    public static Function<Object, Handler> bindLate(Method method) throws ConfigException {
        BoundHandler plan = plan(method);
        Class<?> owner = method.getDeclaringClass();
        return target -> {
            if (!owner.isInstance(target)) {
                throw new IllegalArgumentException(target + " is not a " + owner.getName());
            }
            return plan.on(target);
        };
    }

    private static BoundHandler plan(Method method) throws ConfigException {
        String where = method.getDeclaringClass().getName() + "." + method.getName() + "()";
        if (Modifier.isStatic(method.getModifiers())) {
            throw new ConfigException(where + ": a handler must be an instance method");
        }
        Parameter[] params = method.getParameters();
        Slot[] slots = new Slot[params.length];
        List<Slot> positional = new ArrayList<>();
        Map<String, Slot> byName = new HashMap<>();
        Slot varargs = null;
        Slot kwargs = null;
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            Class<?> type = p.getType();
            Type generic = p.getParameterizedType();
            String pwhere = where + " parameter '" + p.getName() + "'";
            Slot slot;
            if (type == Request.class) {
                slot = new Slot(i, Kind.REQUEST, null, null);
            } else if (type == Response.class) {
                slot = new Slot(i, Kind.RESPONSE, null, null);
            } else if (type == Session.class) {
                slot = new Slot(i, Kind.SESSION, null, null);
            } else if (p.isVarArgs()) {
                slot = new Slot(i, Kind.VARARGS, null, Converter.forType(type.getComponentType(), pwhere));
                slot.elementType = type.getComponentType();
                varargs = slot;
            } else if (Map.class.isAssignableFrom(type)) {
                if (kwargs != null) {
                    throw new ConfigException(pwhere + ": only one Map parameter may collect the surplus parameters");
                }
                if (Converter.rawClass(Converter.typeArgument(generic, 0)) != String.class) {
                    throw new ConfigException(pwhere + ": a Map parameter must have String keys");
                }
                Class<?> valueType = Converter.rawClass(Converter.typeArgument(generic, 1));
                Kind kind = valueType == String.class ? Kind.KWARGS_FIRST
                        : List.class.isAssignableFrom(valueType) ? Kind.KWARGS_LIST
                        : valueType == Object.class ? Kind.KWARGS_PY : null;
                if (kind == null) {
                    throw new ConfigException(pwhere + ": a Map parameter takes Map<String, String>, "
                            + "Map<String, List<String>> or Map<String, Object>");
                }
                slot = new Slot(i, kind, null, null);
                kwargs = slot;
            } else {
                Param ann = p.getAnnotation(Param.class);
                String name = ann != null && !ann.value().isEmpty() ? ann.value() : p.getName();
                if (ann == null && !p.isNamePresent()) {
                    throw new ConfigException(pwhere + ": parameter names are missing: compile the app with "
                            + "-parameters or name the parameter with @Param(\"...\")");
                }
                slot = named(i, name, type, generic, pwhere);
                if (ann != null && !Param.NO_DEFAULT.equals(ann.defaultValue())) {
                    try {
                        slot.defaultValue = slot.fromValues(List.of(ann.defaultValue()));
                        slot.hasDefault = true;
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(pwhere + ": the default value '" + ann.defaultValue()
                                + "' does not convert to " + type.getSimpleName() + ": " + e.getMessage());
                    }
                }
                if (byName.put(name, slot) != null) {
                    throw new ConfigException(pwhere + ": two parameters bind the name '" + name + "'");
                }
                positional.add(slot);
            }
            slots[i] = slot;
        }
        MethodHandle handle;
        try {
            method.setAccessible(true);
            handle = MethodHandles.lookup().unreflect(method).asFixedArity()
                    .asSpreader(Object[].class, params.length)
                    .asType(MethodType.methodType(Object.class, Object.class, Object[].class));
        } catch (IllegalAccessException | RuntimeException e) {
            throw new ConfigException(where + ": cannot be called: " + e, e);
        }
        return new BoundHandler(where, handle, null, slots, positional.toArray(new Slot[0]), byName, varargs, kwargs);
    }

    private static Slot named(int index, String name, Class<?> type, Type generic, String where)
            throws ConfigException {
        if (type == Optional.class) {
            Type inner = Converter.typeArgument(generic, 0);
            Slot innerSlot = named(index, name, Converter.rawClass(inner), inner, where);
            Slot slot = new Slot(index, Kind.NAMED, name, innerSlot.converter);
            slot.shape = Shape.OPTIONAL;
            slot.inner = innerSlot;
            return slot;
        }
        if (type.isArray() && type != byte[].class) {
            Slot slot = new Slot(index, Kind.NAMED, name, Converter.forType(type.getComponentType(), where));
            slot.shape = Shape.ARRAY;
            slot.elementType = type.getComponentType();
            return slot;
        }
        if (Collection.class.isAssignableFrom(type)) {
            if (!type.isAssignableFrom(ArrayList.class) && !type.isAssignableFrom(LinkedHashSet.class)
                    || SortedSet.class.isAssignableFrom(type)) {
                throw new ConfigException(where + ": declare the collection as List, Set or Collection");
            }
            Slot slot = new Slot(index, Kind.NAMED, name,
                    Converter.forType(Converter.typeArgument(generic, 0), where));
            slot.shape = type.isAssignableFrom(ArrayList.class) ? Shape.LIST : Shape.SET;
            return slot;
        }
        Slot slot = new Slot(index, Kind.NAMED, name, Converter.forType(generic, where));
        if (type == Object.class) {
            // Python's view of a parameter: a string, or a list of strings when repeated
            slot.shape = Shape.PYTHON;
        }
        return slot;
    }

    enum Kind { REQUEST, RESPONSE, SESSION, NAMED, VARARGS, KWARGS_FIRST, KWARGS_LIST, KWARGS_PY }

    enum Shape { SCALAR, PYTHON, LIST, SET, ARRAY, OPTIONAL }

    /** How one parameter is filled. */
    static final class Slot {
        final int index;
        final Kind kind;
        final String name;
        final Converter converter;
        Shape shape = Shape.SCALAR;
        Class<?> elementType;
        Slot inner;
        boolean hasDefault;
        Object defaultValue;

        Slot(int index, Kind kind, String name, Converter converter) {
            this.index = index;
            this.kind = kind;
            this.name = name;
            this.converter = converter;
        }

        /** Converts the values given for this parameter; throws IllegalArgumentException with a reason. */
        Object fromValues(List<String> values) {
            switch (shape) {
                case LIST: {
                    List<Object> out = new ArrayList<>(values.size());
                    for (String v : values) {
                        out.add(converter.convert(v));
                    }
                    return out;
                }
                case SET: {
                    Set<Object> out = new LinkedHashSet<>();
                    for (String v : values) {
                        out.add(converter.convert(v));
                    }
                    return out;
                }
                case ARRAY: {
                    Object out = Array.newInstance(elementType, values.size());
                    for (int i = 0; i < values.size(); i++) {
                        Array.set(out, i, converter.convert(values.get(i)));
                    }
                    return out;
                }
                case OPTIONAL:
                    return Optional.ofNullable(inner.fromValues(values));
                case PYTHON:
                    return values.size() == 1 ? values.get(0) : List.copyOf(values);
                default:
                    if (values.size() != 1) {
                        throw new IllegalArgumentException("given " + values.size() + " values where one is expected");
                    }
                    return converter.convert(values.get(0));
            }
        }

        /** The value when the request does not supply the parameter; {@code MISSING} if required. */
        Object absentValue() {
            if (hasDefault) {
                return defaultValue;
            }
            if (shape == Shape.OPTIONAL) {
                return Optional.empty();
            }
            return MISSING;
        }
    }

    static final Object MISSING = new Object();
}
