package org.cerise.tool.etags.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bits of Python and of CherryPy's header parsing that the tool's answers show. */
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

    /** Splits at the commas followed by an even number of double quotes (CherryPy's {@code RE_HEADER_SPLIT}). */
    static List<String> splitElements(String header) {
        int remaining = 0;
        for (int i = 0; i < header.length(); i++) {
            if (header.charAt(i) == '"') {
                remaining++;
            }
        }
        List<String> parts = new ArrayList<>(2);
        int start = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                remaining--;
            } else if (c == ',' && remaining % 2 == 0) {
                parts.add(header.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(header.substring(start));
        return parts;
    }

    /**
     * {@code cgi.parse_header} of one element, and the element as CherryPy's
     * {@code HeaderElement} prints it.
     *
     * @param element the element
     * @return {value, printed element}
     */
    static String[] parseHeader(String element) {
        List<String> parts = new ArrayList<>(1);
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '"' && (i == 0 || element.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                parts.add(element.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(element.substring(start).strip());
        String value = parts.get(0);
        StringBuilder printed = new StringBuilder(value);
        for (int i = 1; i < parts.size(); i++) {
            String p = parts.get(i);
            int eq = p.indexOf('=');
            if (eq >= 0) {
                String v = p.substring(eq + 1).strip();
                if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
                    v = v.substring(1, v.length() - 1).replace("\\\\", "\\").replace("\\\"", "\"");
                }
                printed.append(';').append(p.substring(0, eq).strip().toLowerCase(Locale.ROOT)).append('=').append(v);
            }
        }
        return new String[] {value, printed.toString()};
    }
}
