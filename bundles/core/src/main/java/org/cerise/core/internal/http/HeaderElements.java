package org.cerise.core.internal.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.cerise.api.HeaderElement;
import org.cerise.api.HttpError;

/**
 * A comma-separated header read as CherryPy's {@code httputil.header_elements} reads it, since
 * the order it produces decides which charset, coding or media type wins: elements split at the
 * commas outside quotes, each one's value and parameters as {@code cgi.parse_header} gives them;
 * for {@code Accept*} and {@code TE} the quality is split off at the first {@code ;q=}; then
 * {@code reversed(sorted(...))}: by quality, ties by the element's text, or by value for other
 * headers, all descending.
 */
public final class HeaderElements {

    /** CherryPy splits the quality off at the first match of {@code "; *q *="}. */
    private static final Pattern Q_SEPARATOR = Pattern.compile("; *q *=");
    /** Digits as Python writes them: single underscores may group them ({@code 1_000}). */
    private static final String DIGITS = "\\d(?:_?\\d)*";
    /** What Python's {@code float()} accepts. */
    private static final Pattern FLOAT = Pattern.compile("[+-]?(" + DIGITS + "\\.?(?:" + DIGITS + ")?|\\." + DIGITS
            + ")([eE][+-]?" + DIGITS + ")?|[+-]?(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    private static final Comparator<Element> BY_QUALITY = Comparator.comparingDouble(Element::qvalue)
            .thenComparing(Element::toString);
    private static final Comparator<Element> BY_VALUE = Comparator.comparing(Element::value);

    private HeaderElements() {
    }

    /**
     * @param name  the header's name (any case)
     * @param lines the header's lines, as many as were sent or set
     * @return the elements of all lines, as if joined with {@code ", "}, most preferred first
     */
    public static List<HeaderElement> parse(String name, List<String> lines) {
        return parse(name, lines.isEmpty() ? null : lines.size() == 1 ? lines.get(0) : String.join(", ", lines));
    }

    /**
     * @param name  the header's name (any case)
     * @param value the header's value (several lines joined with {@code ", "}), or {@code null}
     * @return the elements, most preferred first; empty for a missing or empty header
     * @throws HttpError 400 {@code Malformed HTTP header: `...`} when elements must be ordered by
     *                   a quality that is not a number
     */
    public static List<HeaderElement> parse(String name, String value) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        boolean accept = name.regionMatches(true, 0, "Accept", 0, 6) || name.equalsIgnoreCase("TE");
        List<Element> out = new ArrayList<>(4);
        for (String part : splitOutsideQuotes(value)) {
            out.add(accept ? acceptElement(part) : plainElement(part));
        }
        if (out.size() > 1) {
            // Python compares only when there are two or more; a bad q alone is found when read.
            // A stable ascending sort, reversed, keeps CherryPy's order for equal elements.
            out.sort(accept ? BY_QUALITY : BY_VALUE);
            Collections.reverse(out);
        }
        return Collections.unmodifiableList(out);
    }

    private static Element plainElement(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        String value = parseHeader(raw.strip(), params);
        return new Element(value, params, false);
    }

    private static Element acceptElement(String raw) {
        String[] atoms = Q_SEPARATOR.split(raw, 2);
        Map<String, String> params = new LinkedHashMap<>();
        String value = parseHeader(atoms[0].strip(), params);
        if (atoms.length == 2) {
            // The quality may carry accept-extensions: CherryPy keeps them as part of q.
            Map<String, String> qParams = new LinkedHashMap<>();
            StringBuilder q = new StringBuilder(parseHeader(atoms[1].strip(), qParams));
            qParams.forEach((k, v) -> q.append(';').append(k).append('=').append(v));
            params.put("q", q.toString());
        }
        return new Element(value, params, true);
    }

    /**
     * {@code cgi.parse_header}: the main value (stripped, case kept) and the parameters (names in
     * lower case, values unquoted); parameters without {@code =} are dropped.
     */
    private static String parseHeader(String line, Map<String, String> params) {
        List<String> parts = splitParams(line);
        for (int i = 1; i < parts.size(); i++) {
            String p = parts.get(i);
            int eq = p.indexOf('=');
            if (eq >= 0) {
                String key = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String v = p.substring(eq + 1).strip();
                if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
                    v = v.substring(1, v.length() - 1).replace("\\\\", "\\").replace("\\\"", "\"");
                }
                params.put(key, v);
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

    /**
     * Splits at the commas followed by an even number of double quotes, as CherryPy's
     * {@code RE_HEADER_SPLIT} does.
     */
    private static List<String> splitOutsideQuotes(String header) {
        int remaining = 0;
        for (int i = 0; i < header.length(); i++) {
            if (header.charAt(i) == '"') {
                remaining++;
            }
        }
        List<String> parts = new ArrayList<>(4);
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

    /** One element; its quality is read when first asked for, as CherryPy's property does. */
    private static final class Element implements HeaderElement {
        private final String value;
        private final Map<String, String> params;
        private final String text;
        private final boolean accept;
        private Double quality;

        Element(String value, Map<String, String> params, boolean accept) {
            this.value = value;
            this.params = Collections.unmodifiableMap(params);
            this.accept = accept;
            StringBuilder t = new StringBuilder(value);
            params.forEach((k, v) -> t.append(';').append(k).append('=').append(v));
            this.text = t.toString();
        }

        @Override
        public String value() {
            return value;
        }

        @Override
        public Map<String, String> params() {
            return params;
        }

        @Override
        public double qvalue() {
            if (quality == null) {
                quality = accept ? quality() : 1.0;
            }
            return quality;
        }

        private double quality() {
            String q = params.get("q");
            if (q == null) {
                return 1;
            }
            int semicolon = q.indexOf(';');
            String t = (semicolon < 0 ? q : q.substring(0, semicolon)).strip();
            if (!FLOAT.matcher(t).matches()) {
                throw new HttpError(400, "Malformed HTTP header: `" + text + "`");
            }
            String lower = t.toLowerCase(Locale.ROOT);
            String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
            if (unsigned.startsWith("inf")) {
                return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return unsigned.equals("nan") ? Double.NaN : Double.parseDouble(t.replace("_", ""));
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
