package org.cerise.testkit.internal;

import java.util.List;
import java.util.Map;

/**
 * Python's {@code repr()} of the values that CherryPy's assertion messages quote, so that a
 * failing assertion reads as it does in CherryPy: {@code 'abc'} for text, {@code b'abc'} for
 * bytes, {@code [200, '404 Not Found']} for lists.
 */
public final class PyRepr {

    private PyRepr() {
    }

    /**
     * @param value a String, byte[], Integer/Long, List, Map.Entry (a tuple) or null
     * @return its Python repr
     */
    public static String of(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof String) {
            return str((String) value);
        }
        if (value instanceof byte[]) {
            return bytes((byte[]) value);
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? "True" : "False";
        }
        if (value instanceof List) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : (List<?>) value) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(of(o));
            }
            return sb.append(']').toString();
        }
        if (value instanceof Map.Entry) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) value;
            return "(" + of(e.getKey()) + ", " + of(e.getValue()) + ")";
        }
        return String.valueOf(value);
    }

    /** Python's repr of a str: single quotes unless the text has one and no double quote. */
    public static String str(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
        s.codePoints().forEach(c -> {
            if (c == quote || c == '\\') {
                sb.append('\\').appendCodePoint(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                sb.append(String.format("\\x%02x", c));
            } else if (!Character.isDefined(c) || Character.getType(c) == Character.SURROGATE) {
                sb.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append(quote).toString();
    }

    /** Python's repr of bytes: {@code b'...'}, non-ASCII and control bytes as {@code \xhh}. */
    public static String bytes(byte[] b) {
        boolean single = false;
        boolean dbl = false;
        for (byte x : b) {
            single |= x == '\'';
            dbl |= x == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        StringBuilder sb = new StringBuilder(b.length + 3).append('b').append(quote);
        for (byte x : b) {
            int c = x & 0xff;
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.append(quote).toString();
    }
}
