package org.cerise.core.internal.binding;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cerise.api.Handler;
import org.cerise.api.HttpError;
import org.cerise.api.Request;
import org.cerise.api.Response;
import org.cerise.core.internal.binding.MethodBinder.Kind;
import org.cerise.core.internal.binding.MethodBinder.Slot;

/**
 * A handler method with its binding plan: per request it only walks the request's path
 * segments and parameters once and invokes a prebuilt method handle on its target.
 */
final class BoundHandler implements Handler {

    private final String description;
    /** {@code (Object target, Object[] args) -> Object}. */
    private final MethodHandle handle;
    private final Object target;
    private final Slot[] slots;
    private final Slot[] positional;
    private final Map<String, Slot> byName;
    private final Slot varargs;
    private final Slot kwargs;

    BoundHandler(String description, MethodHandle handle, Object target, Slot[] slots, Slot[] positional,
            Map<String, Slot> byName, Slot varargs, Slot kwargs) {
        this.description = description;
        this.handle = handle;
        this.target = target;
        this.slots = slots;
        this.positional = positional;
        this.byName = byName;
        this.varargs = varargs;
        this.kwargs = kwargs;
    }

    /**
     * The same binding plan on another object of the method's class: what a late binding
     * hands out per request for objects that a {@code CpDispatch} hook returns.
     *
     * @param other the object to call the method on
     * @return the handler, sharing everything but the target
     */
    BoundHandler on(Object other) {
        return new BoundHandler(description, handle, other, slots, positional, byName, varargs, kwargs);
    }

    @Override
    public Object handle(Request request, Response response) throws Exception {
        Object[] args = new Object[slots.length];
        List<String> vpath = request.vpath();
        Map<String, List<String>> params = request.params();

        // Positional: path segments fill the named parameters in order, surplus goes to varargs.
        // Values are converted only once the request is known to fit the method, so that a
        // missing or unexpected parameter is reported as CherryPy reports it.
        List<List<String>> given = new ArrayList<>(Collections.nCopies(slots.length, null));
        int filledPositional = Math.min(vpath.size(), positional.length);
        for (int i = 0; i < filledPositional; i++) {
            given.set(positional[i].index, List.of(vpath.get(i)));
        }
        int surplus = vpath.size() - filledPositional;

        // A parameter filled from the path and named in the request too; in declaration order, as
        // Python lists them.
        List<String> multiple = null;
        for (int i = 0; i < filledPositional; i++) {
            if (params.containsKey(positional[i].name)) {
                multiple = add(multiple, positional[i].name);
            }
        }

        // Named: each request parameter fills its parameter, or kwargs, or is unexpected.
        List<String> unexpected = null;
        Map<String, List<String>> extra = null;
        if (!params.isEmpty()) {
            for (Map.Entry<String, List<String>> e : params.entrySet()) {
                Slot slot = byName.get(e.getKey());
                if (slot != null) {
                    if (!isPositionallyFilled(slot, filledPositional)) {
                        given.set(slot.index, e.getValue());
                    }
                } else if (kwargs != null) {
                    if (extra == null) {
                        extra = new LinkedHashMap<>();
                    }
                    extra.put(e.getKey(), e.getValue());
                } else {
                    unexpected = add(unexpected, e.getKey());
                }
            }
        }

        // Defaults, and the parameters nobody supplied.
        List<String> missing = null;
        for (Slot slot : positional) {
            if (given.get(slot.index) == null) {
                Object v = slot.absentValue();
                if (v == MethodBinder.MISSING) {
                    missing = add(missing, slot.name);
                } else {
                    args[slot.index] = v;
                }
            }
        }

        // CherryPy's order of complaints (test_callable_spec): missing, surplus path, repeated, unexpected.
        if (missing != null) {
            throw new HttpError(404, show(request) ? "Missing parameters: " + String.join(",", missing) : null);
        }
        if (surplus > 0 && varargs == null) {
            throw new HttpError(404);
        }
        if (multiple != null) {
            boolean fromQuery = false;
            for (String name : multiple) {
                fromQuery |= !request.isBodyParam(name);
            }
            throw new HttpError(fromQuery ? 404 : 400,
                    show(request) ? "Multiple values for parameters: " + String.join(",", multiple) : null);
        }
        if (unexpected != null) {
            List<String> fromQuery = new ArrayList<>();
            List<String> fromBody = new ArrayList<>();
            for (String name : unexpected) {
                (request.isBodyParam(name) ? fromBody : fromQuery).add(name);
            }
            if (!fromQuery.isEmpty()) {
                throw new HttpError(404, show(request)
                        ? "Unexpected query string parameters: " + String.join(", ", fromQuery) : null);
            }
            throw new HttpError(400, show(request)
                    ? "Unexpected body parameters: " + String.join(", ", fromBody) : null);
        }

        for (Slot slot : positional) {
            if (given.get(slot.index) != null) {
                args[slot.index] = convert(slot, given.get(slot.index));
            }
        }

        // Injected and collecting parameters.
        for (Slot slot : slots) {
            switch (slot.kind) {
                case REQUEST:
                    args[slot.index] = request;
                    break;
                case RESPONSE:
                    args[slot.index] = response;
                    break;
                case SESSION:
                    args[slot.index] = request.session();
                    break;
                case VARARGS: {
                    Object array = Array.newInstance(slot.elementType, surplus);
                    for (int i = 0; i < surplus; i++) {
                        Array.set(array, i, convert(slot, List.of(vpath.get(filledPositional + i))));
                    }
                    args[slot.index] = array;
                    break;
                }
                case KWARGS_FIRST:
                case KWARGS_LIST:
                case KWARGS_PY:
                    args[slot.index] = kwargsValue(slot.kind, extra);
                    break;
                default:
                    break;
            }
        }
        try {
            return (Object) handle.invokeExact(target, args);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new java.lang.reflect.UndeclaredThrowableException(t);
        }
    }

    private boolean isPositionallyFilled(Slot slot, int filledPositional) {
        for (int i = 0; i < filledPositional; i++) {
            if (positional[i] == slot) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> kwargsValue(Kind kind, Map<String, List<String>> extra) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (extra != null) {
            for (Map.Entry<String, List<String>> e : extra.entrySet()) {
                List<String> values = e.getValue();
                Object v;
                if (kind == Kind.KWARGS_LIST) {
                    v = List.copyOf(values);
                } else if (kind == Kind.KWARGS_FIRST) {
                    v = values.isEmpty() ? "" : values.get(0);
                } else {
                    v = values.size() == 1 ? values.get(0) : List.copyOf(values);
                }
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    private static Object convert(Slot slot, List<String> values) {
        try {
            return slot.kind == Kind.VARARGS ? slot.converter.convert(values.get(0)) : slot.fromValues(values);
        } catch (IllegalArgumentException e) {
            String name = slot.name == null ? "path segment" : "parameter '" + slot.name + "'";
            String shown = values.size() == 1 ? "'" + values.get(0) + "'" : values.toString();
            throw new HttpError(400, "Invalid value " + shown + " for " + name + ": " + e.getMessage());
        }
    }

    private static boolean show(Request request) {
        Object v = request.config().get("request.show_mismatched_params");
        return v == null || Boolean.TRUE.equals(v);
    }

    private static List<String> add(List<String> list, String name) {
        List<String> l = list == null ? new ArrayList<>(2) : list;
        l.add(name);
        return l;
    }

    @Override
    public String toString() {
        return description;
    }
}
