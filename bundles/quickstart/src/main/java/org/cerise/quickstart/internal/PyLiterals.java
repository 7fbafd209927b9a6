package org.cerise.quickstart.internal;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes Java values as the Python literals of CherryPy's config files, so that a config map
 * given to {@code Cerise.mount} reaches the core in the same form as a config file, and goes
 * through the same parsing and checks.
 */
final class PyLiterals {

    private PyLiterals() {
    }

    /**
     * @param where  the key, for messages
     * @param value  a Java value standing for a Python one
     * @return the Python literal
     * @throws IllegalArgumentException for a value with no Python literal (a lambda, a service object...)
     */
    static String of(String where, Object value) {
        StringBuilder sb = new StringBuilder();
        write(where, value, sb);
        return sb.toString();
    }

    private static void write(String where, Object value, StringBuilder sb) {
        if (value == null) {
            sb.append("None");
        } else if (value instanceof Boolean) {
            sb.append((Boolean) value ? "True" : "False");
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            sb.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("config key '" + where + "': " + value
                        + " has no literal in a config file");
            }
            sb.append(d);
        } else if (value instanceof BigDecimal) {
            sb.append(((BigDecimal) value).toPlainString());
        } else if (value instanceof CharSequence || value instanceof Character || value instanceof Enum
                || value instanceof java.nio.file.Path || value instanceof java.io.File || value instanceof java.net.URI) {
            string(value.toString(), sb);
        } else if (value instanceof Map) {
            sb.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) value).entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                write(where, e.getKey(), sb);
                sb.append(": ");
                write(where, e.getValue(), sb);
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            sb.append('}');
        } else if (value instanceof Collection || value.getClass().isArray()) {
            sb.append('[');
            if (value instanceof Collection) {
                Iterator<?> it = ((Collection<?>) value).iterator();
                while (it.hasNext()) {
                    write(where, it.next(), sb);
                    if (it.hasNext()) {
                        sb.append(", ");
                    }
                }
            } else {
                for (int i = 0, n = Array.getLength(value); i < n; i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    write(where, Array.get(value, i), sb);
                }
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("config key '" + where + "': a " + value.getClass().getName()
                    + " has no literal in a config file; use a string, number, boolean, null, list or map");
        }
    }

    /** Python's repr of a str: single quotes, backslash escapes, one line. */
    private static void string(String s, StringBuilder sb) {
        sb.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\': sb.append("\\\\"); break;
                case '\'': sb.append("\\'"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('\'');
    }
}
