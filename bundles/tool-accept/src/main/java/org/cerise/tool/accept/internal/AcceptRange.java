package org.cerise.tool.accept.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cerise.api.HttpError;

/**
 * One element of an {@code Accept} header as CherryPy reads it ({@code httputil.AcceptElement}):
 * the media range, its quality, and its text as CherryPy prints it ({@code type;param=value;q=...}),
 * which breaks ties between ranges of equal quality and names a malformed element.
 *
 * @param mediaRange the media range, e.g. {@code text/*}, compared case-sensitively as in CherryPy
 * @param quality    the {@code q} parameter, 1 when absent
 * @param text       the element as CherryPy's {@code str()} writes it
 */
record AcceptRange(String mediaRange, double quality, String text) {

    /** CherryPy's {@code q_separator}: the first {@code ;q=} ends the media-range parameters. */
    private static final Pattern Q_SEPARATOR = Pattern.compile("; *q *=");

    private static final Pattern PY_FLOAT = Pattern.compile(
            "[+-]?(?:(?:\\d(?:_?\\d)*)(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:e[+-]?\\d(?:_?\\d)*)?");
    private static final Pattern PY_SPECIAL_FLOAT = Pattern.compile("[+-]?(?:inf|infinity|nan)");

    /** Most preferred first: highest quality, then (CherryPy's tie-break) the greater text. */
    private static final Comparator<AcceptRange> PREFERENCE = (a, b) -> a.quality < b.quality ? 1
            : a.quality > b.quality ? -1 : b.text.compareTo(a.text);

    /**
     * @param header the {@code Accept} values joined by {@code ", "}, or {@code null}
     * @return the ranges, most preferred first; empty for an absent or empty header
     * @throws HttpError 400 {@code Malformed HTTP header: `...`} for a quality that is not a number
     */
    static List<AcceptRange> parseAll(String header) {
        if (header == null || header.isEmpty()) {
            return List.of();
        }
        List<String> elements = splitElements(header);
        List<String[]> parsed = new ArrayList<>(elements.size());
        for (String element : elements) {
            parsed.add(parse(element));
        }
        double[] qualities = new double[parsed.size()];
        // CPython's sort first compares element 1 with element 0, asking element 1 for its
        // quality first, then each further element in order: the first malformed quality it
        // meets in that order is the one CherryPy's 400 names.
        if (parsed.size() > 1) {
            qualities[1] = quality(parsed.get(1));
        }
        for (int i = 0; i < parsed.size(); i++) {
            if (i != 1) {
                qualities[i] = quality(parsed.get(i));
            }
        }
        List<AcceptRange> ranges = new ArrayList<>(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            ranges.add(new AcceptRange(parsed.get(i)[0], qualities[i], parsed.get(i)[1]));
        }
        ranges.sort(PREFERENCE);
        return ranges;
    }

    /** {@code [media range, text, quality text or null]} of one element. */
    private static String[] parse(String element) {
        Matcher q = Q_SEPARATOR.matcher(element);
        String mediaPart = element;
        String qualityPart = null;
        if (q.find()) {
            mediaPart = element.substring(0, q.start());
            qualityPart = element.substring(q.end()).strip();
        }
        Map<String, String> params = new LinkedHashMap<>();
        String mediaRange = parseHeader(mediaPart.strip(), params);
        String quality = params.get("q");
        if (qualityPart != null) {
            Map<String, String> qualityParams = new LinkedHashMap<>();
            quality = parseHeader(qualityPart, qualityParams);
            params.put("q", quality + paramText(qualityParams));
        }
        return new String[] {mediaRange, mediaRange + paramText(params), quality};
    }

    private static double quality(String[] parsed) {
        if (parsed[2] == null) {
            return 1.0;
        }
        Double q = pyFloat(parsed[2]);
        if (q == null) {
            throw new HttpError(400, "Malformed HTTP header: `" + parsed[1] + "`");
        }
        return q;
    }

    private static String paramText(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((k, v) -> out.append(';').append(k).append('=').append(v));
        return out.toString();
    }

    /**
     * Python's {@code cgi.parse_header}: the value before the first {@code ;} (outside
     * quotes), then {@code name=value} parameters with lower-cased names and unquoted values;
     * parts without {@code =} are dropped.
     */
    static String parseHeader(String line, Map<String, String> params) {
        List<String> parts = splitParams(line);
        for (int i = 1; i < parts.size(); i++) {
            String p = parts.get(i);
            int eq = p.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).strip();
            if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                value = value.substring(1, value.length() - 1).replace("\\\\", "\\").replace("\\\"", "\"");
            }
            params.put(name, value);
        }
        return parts.get(0);
    }

    /** Splits at {@code ;} where the quotes before it (not counting {@code \"}) are balanced; parts stripped. */
    private static List<String> splitParams(String line) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int quotes = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                quotes++;
            } else if (c == ';' && quotes % 2 == 0) {
                parts.add(line.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(line.substring(start).strip());
        return parts;
    }

    /**
     * CherryPy's {@code RE_HEADER_SPLIT}: splits at each comma followed by an even number of
     * double quotes, counted in one pass from the end instead of a look-ahead per comma.
     */
    static List<String> splitElements(String header) {
        List<String> elements = new ArrayList<>();
        int end = header.length();
        int quotesAfter = 0;
        for (int i = header.length() - 1; i >= 0; i--) {
            char c = header.charAt(i);
            if (c == '"') {
                quotesAfter++;
            } else if (c == ',' && quotesAfter % 2 == 0) {
                elements.add(header.substring(i + 1, end));
                end = i;
            }
        }
        elements.add(header.substring(0, end));
        Collections.reverse(elements);
        return elements;
    }

    /** Python's {@code float(text)}, or {@code null} where Python raises ValueError. */
    static Double pyFloat(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (PY_SPECIAL_FLOAT.matcher(t).matches()) {
            boolean negative = t.startsWith("-");
            if (t.endsWith("nan")) {
                return Double.NaN;
            }
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!PY_FLOAT.matcher(t).matches()) {
            return null;
        }
        return Double.valueOf(t.replace("_", ""));
    }
}
