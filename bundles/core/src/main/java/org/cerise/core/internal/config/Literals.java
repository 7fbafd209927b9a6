package org.cerise.core.internal.config;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Writes config values back as Python literals, for messages that quote a bad value. */
public final class Literals {

    private Literals() {
    }

    /**
     * @param value a config value
     * @return its Python spelling: {@code 'text'}, {@code 12}, {@code True}, {@code None}, ...
     */
    public static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean) {
            return (Boolean) value ? "True" : "False";
        }
        if (value instanceof String) {
            return "'" + ((String) value).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
        }
        if (value instanceof List) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            for (Object o : (List<?>) value) {
                j.add(repr(o));
            }
            return j.toString();
        }
        if (value instanceof Map) {
            StringJoiner j = new StringJoiner(", ", "{", "}");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                j.add(repr(e.getKey()) + ": " + repr(e.getValue()));
            }
            return j.toString();
        }
        return String.valueOf(value);
    }
}
