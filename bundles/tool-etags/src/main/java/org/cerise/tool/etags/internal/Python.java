package org.cerise.tool.etags.internal;

import java.util.ArrayList;
import java.util.List;

/** Python's {@code repr}, which CherryPy's 412 messages show. */
final class Python {

    private Python() {
    }

    /**
     * {@code repr()} of a string ({@code None} for {@code null}), for CherryPy's 412 messages.
     *
     * @param s the string
     * @return its Python literal
     */
    static String repr(String s) {
        if (s == null) {
            return "None";
        }
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(quote).toString();
    }

    /**
     * @param list strings
     * @return the list's Python literal
     */
    static String repr(List<String> list) {
        List<String> items = new ArrayList<>(list.size());
        list.forEach(s -> items.add(repr(s)));
        return "[" + String.join(", ", items) + "]";
    }
}
