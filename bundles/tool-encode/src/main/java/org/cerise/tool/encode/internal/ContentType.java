package org.cerise.tool.encode.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A response's {@code Content-Type} split as {@code cgi.parse_header} splits it, which is how
 * CherryPy's {@code ResponseEncoder} reads it before it sets the {@code charset} parameter. The
 * request's headers are parsed by the core ({@code Request.headerElements}); the API has no
 * parser for the response's.
 */
final class ContentType {

    private ContentType() {
    }

    /**
     * @param line   the header value
     * @param params receives the parameters, names in lower case and values unquoted, in order;
     *               parameters without {@code =} are dropped
     * @return the media type before the parameters, stripped, case kept
     */
    static String parse(String line, Map<String, String> params) {
        List<String> parts = splitParams(line);
        for (int i = 1; i < parts.size(); i++) {
            String p = parts.get(i);
            int eq = p.indexOf('=');
            if (eq >= 0) {
                String name = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String v = p.substring(eq + 1).strip();
                if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
                    v = v.substring(1, v.length() - 1).replace("\\\\", "\\").replace("\\\"", "\"");
                }
                params.put(name, v);
            }
        }
        return parts.get(0);
    }

    /** Splits at {@code ;} outside (unescaped) double quotes, each part stripped. */
    private static List<String> splitParams(String line) {
        List<String> parts = new ArrayList<>(2);
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                parts.add(line.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(line.substring(start).strip());
        return parts;
    }
}
