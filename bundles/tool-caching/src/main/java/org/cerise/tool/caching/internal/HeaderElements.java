package org.cerise.tool.caching.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The element values of a comma-separated <em>response</em> header ({@code Pragma},
 * {@code Cache-Control}, {@code Vary}), as CherryPy's {@code response.headers.values(name)}
 * yields them: each element stripped, its {@code ;params} dropped, and the list in descending
 * order. Request headers are read with the core's {@code Request.headerElements}; the
 * {@code Response} API has no such parser.
 */
final class HeaderElements {

    private HeaderElements() {
    }

    /**
     * @param values the header's values, as received (several lines count as one joined by commas)
     * @return the element values, descending; empty if the header is absent or blank
     */
    static List<String> of(List<String> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(4);
        for (String value : values) {
            split(value, out);
        }
        out.sort(Collections.reverseOrder());
        return out;
    }

    /** Splits at commas outside double quotes, as CherryPy's {@code RE_COMMA_SPLIT} does. */
    private static void split(String value, List<String> out) {
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : ',';
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && (!quoted || i == value.length())) {
                add(value.substring(start, i), out);
                start = i + 1;
            }
        }
    }

    private static void add(String element, List<String> out) {
        // HeaderElement.parse: the value is the first non-blank ';' atom, or '' if there is none
        for (String atom : element.split(";", -1)) {
            String a = atom.strip();
            if (!a.isEmpty()) {
                out.add(a);
                return;
            }
        }
        out.add("");
    }
}
